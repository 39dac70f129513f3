using System.Globalization;
using Kws.Runtime;
using Kws.Runtime.Audio;
using KeywordConsole.Models;

// KeywordConsole <file.wav>...: the three most probable keywords of each file, from the model compiled into this app.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: KeywordConsole <file.wav>...");
    return 2;
}

IKeywordModel model = new CnnPtqModel();
var frontEnd = new AudioFrontEnd(model);
float[] logProbs = new float[model.Labels.Count];
Console.WriteLine($"{model.Name}: {model.Labels.Count} keywords, {model.SampleRate} Hz, SIMD path {model.SimdPath}");
foreach (string file in args)
{
    float[] input;
    try
    {
        input = frontEnd.PrepareFile(file);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or WavFormatException)
    {
        Console.Error.WriteLine($"KeywordConsole: error: {file}: {e.Message}");
        return 1;
    }
    model.Infer(input, logProbs);
    var top = Enumerable.Range(0, logProbs.Length).OrderByDescending(i => logProbs[i]).Take(3);
    Console.WriteLine(file + string.Concat(top.Select(i => string.Create(CultureInfo.InvariantCulture, $"  {model.Labels[i]} {MathF.Exp(logProbs[i]):0.000}"))));
}
return 0;
