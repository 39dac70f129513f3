using System.Text;

namespace Kws.Benchmarks.Charting;

/// <summary>A CSV file as a header and rows (RFC 4180: quoted fields may hold commas, quotes and line breaks).</summary>
public sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>The index of the first column whose name satisfies <paramref name="match"/>, or -1.</summary>
    public int FindColumn(Func<string, bool> match)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (match(Header[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public CsvTable WithRows(IReadOnlyList<IReadOnlyList<string>> rows) => new(Header, rows);

    public static CsvTable Parse(string text)
    {
        var records = ParseRecords(text).Where(r => r.Count > 1 || r[0].Length > 0).ToList();
        if (records.Count == 0)
        {
            throw new FormatException("the CSV file is empty");
        }

        var header = records[0];
        var rows = records.Skip(1).ToList();
        var ragged = rows.FindIndex(r => r.Count != header.Count);
        if (ragged >= 0)
        {
            throw new FormatException($"CSV row {ragged + 2} has {rows[ragged].Count} fields, the header has {header.Count}");
        }

        return new CsvTable(header, rows);
    }

    private static IEnumerable<IReadOnlyList<string>> ParseRecords(string text)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return record;
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException("the CSV file ends inside a quoted field");
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString().TrimEnd('\r'));
            yield return record;
        }
    }
}
