using System.Text;
using DisputeKit.StripeFake;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

public sealed class SecretsTests
{
    private const string Secret = "sk_test_DisputeKitSecretThatMustNeverLeak_4242";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Settings(TempFolder work, FakeStripeServer fake, string key)
    {
        var settings = Cli.Settings(work.Sub("data"));
        settings["STRIPE_API_KEY"] = key;
        settings["Stripe__ApiBase"] = fake.BaseUri.ToString();
        settings["Stripe__FilesBase"] = fake.BaseUri.ToString();
        settings["DisputeKit__ReplayAt"] = "2026-11-01T09:00:00+00:00";
        return settings;
    }

    [Fact]
    public async Task Sweep_KeyFromEnvironment_NeverInOutputLogsCasesOrPacks()
    {
        using var work = new TempFolder("secret");
        await using var fake = await FakeStripeServer.StartAsync(
            new FakeStripeOptions { ApiKey = Secret, SeedFolder = Path.Combine(Cli.Samples, "stripe") }, Ct);

        var run = await Cli.RunAsync(work.Path, Settings(work, fake, Secret), Ct, "sweep", "--verbose");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain($"{Cli.SampleExpected("staged")} staged");
        run.Error.ShouldContain("evidence staged");
        run.Output.ShouldNotContain(Secret);
        run.Error.ShouldNotContain(Secret);
        var files = Directory.GetFiles(work.Path, "*", SearchOption.AllDirectories);
        files.Length.ShouldBeGreaterThan(50);
        foreach (var file in files)
        {
            var text = file.EndsWith(".pdf", StringComparison.Ordinal)
                ? await Tool.RunAsync("pdftotext", [file, "-"], Ct)
                : Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, Ct));
            text.ShouldNotContain(Secret, customMessage: file);
            text.ShouldNotContain("DisputeKitSecretThatMustNeverLeak", customMessage: file);
        }
    }

    [Fact]
    public async Task Sweep_WrongKey_ExitThreeSayingWhatToFix_WithoutTheKey()
    {
        using var work = new TempFolder("wrongkey");
        await using var fake = await FakeStripeServer.StartAsync(
            new FakeStripeOptions { ApiKey = "sk_test_the_right_one", SeedFolder = Path.Combine(Cli.Samples, "stripe") }, Ct);

        var run = await Cli.RunAsync(work.Path, Settings(work, fake, Secret), Ct, "sweep");

        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain("STRIPE_API_KEY");
        run.Error.ShouldNotContain(Secret);
    }

    [Fact]
    public void SampleSettings_HoldNoKey()
    {
        var sample = File.ReadAllText(Path.Combine(Cli.Root, "appsettings.sample.json"));

        sample.ShouldNotContain("ApiKey");
        sample.ShouldNotMatch("[sr]k_(test|live)_");
    }
}
