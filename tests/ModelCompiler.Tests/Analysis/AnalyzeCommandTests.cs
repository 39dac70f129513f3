using Kws.Compiler.Cli;

namespace Kws.Compiler.Tests.Analysis;

public sealed class AnalyzeCommandTests
{
    private string samples = "";

    [SetUp]
    public void MakeSampleFolder()
    {
        samples = Path.Combine(TestContext.CurrentContext.WorkDirectory, "analyze-samples-" + TestContext.CurrentContext.Test.Name);
        foreach (string label in new[] { "yes", "no" })
        {
            Directory.CreateDirectory(Path.Combine(samples, label));
            for (int i = 0; i < 3; i++)
            {
                File.WriteAllBytes(Path.Combine(samples, label, $"{label}_{i}.wav"), []);
            }
        }
    }

    [Test]
    public void Writes_tables_and_a_report_folder()
    {
        string report = Path.Combine(TestContext.CurrentContext.WorkDirectory, "analyze-report");
        var noise = FixtureModels.NoiseClips(1, ["x"])[0].Samples;
        var command = new AnalyzeCommand(_ => _ => noise);
        var output = new StringWriter();

        int exit = command.Run(["--fp32", FixtureModels.PathOf("m5_fp32.pth"), "--quantized", FixtureModels.PathOf("m5_ptq.pth"),
            FixtureModels.PathOf("m5_qat.pth"), "--config", FixtureModels.PathOf("m5.yaml"), "--samples", samples, "-o", report], output);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(output.ToString(), Does.Contain("PTQ against FP32, layer by layer:").And.Contain("QAT against FP32"));
            Assert.That(output.ToString(), Does.Match(@"FP32\s+\d+\s+6\s"), "6 labelled clips");
            Assert.That(File.Exists(Path.Combine(report, "report.html")));
            Assert.That(File.Exists(Path.Combine(report, "analysis.json")));
            Assert.That(Directory.GetFiles(Path.Combine(report, "images"), "confusion-*.png"), Has.Length.EqualTo(3));
        });
    }

    [TestCase("--quantized m5_ptq.pth --config m5.yaml --samples S", 2, "option --fp32 is required")]
    [TestCase("--fp32 m5_ptq.pth --quantized m5_ptq.pth --config m5.yaml --samples S", 1, "is an int8 checkpoint")]
    [TestCase("--fp32 m5_fp32.pth --quantized m5_fp32.pth --config m5.yaml --samples S", 1, "is not an int8 checkpoint")]
    [TestCase("--fp32 m5_fp32.pth --quantized m5_ptq.pth --config m5.yaml --samples S/missing", 1, "does not exist")]
    [TestCase("--fp32 m5_fp32.pth --quantized m5_ptq.pth --config m5.yaml --samples S/yes/yes_0.wav", 1, "does not exist")]
    [TestCase("--fp32 m5_fp32.pth --quantized nothing.pth --config m5.yaml --samples S", 1, "nothing.pth")]
    public void Bad_input_gives_one_line_on_stderr(string arguments, int expectedExit, string message)
    {
        string[] args = ["analyze", .. arguments.Split(' ').Select(a => a == "S" || a.StartsWith("S/", StringComparison.Ordinal)
            ? samples + a[1..] : a.EndsWith(".pth", StringComparison.Ordinal) || a.EndsWith(".yaml", StringComparison.Ordinal) ? FixtureModels.PathOf(a) : a)];
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = KwscCommandLine.Run(args, output, error);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(expectedExit));
            Assert.That(error.ToString(), Does.StartWith("kwsc: error: ").And.Contain(message));
            Assert.That(error.ToString().TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        });
    }
}
