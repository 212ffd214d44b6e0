using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData.Files;

namespace DisputeKit.MerchantData.Tests.Contract;

/// <summary>The merchant-source contract on the JSON Lines folder, loaded into memory.</summary>
public sealed class FileSourceContractTests : MerchantSourceContract
{
    protected override async Task<(IMerchantRecords Records, LoadReport Report)> LoadAsync(string folder) =>
        await FileMerchantSource.LoadAsync(folder, Ct);
}
