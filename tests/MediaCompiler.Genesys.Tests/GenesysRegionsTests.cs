namespace MediaCompiler.Genesys.Tests;

public sealed class GenesysRegionsTests
{
    // The 18 domains of the reference's region table (from the .NET SDK's PureCloudRegionHosts), typed out here
    // rather than read from the library, so a dropped or misspelt entry fails.
    [Theory]
    [InlineData("mypurecloud.com")]
    [InlineData("use2.us-gov-pure.cloud")]
    [InlineData("usw2.pure.cloud")]
    [InlineData("cac1.pure.cloud")]
    [InlineData("sae1.pure.cloud")]
    [InlineData("mxc1.pure.cloud")]
    [InlineData("mypurecloud.ie")]
    [InlineData("euw2.pure.cloud")]
    [InlineData("mypurecloud.de")]
    [InlineData("euc2.pure.cloud")]
    [InlineData("edee1.eusc-pure.cloud")]
    [InlineData("mec1.pure.cloud")]
    [InlineData("aps1.pure.cloud")]
    [InlineData("mypurecloud.jp")]
    [InlineData("apne2.pure.cloud")]
    [InlineData("apne3.pure.cloud")]
    [InlineData("apse1.pure.cloud")]
    [InlineData("mypurecloud.com.au")]
    public void Every_region_domain_resolves_to_its_api_and_login_hosts(string domain)
    {
        var (endpoints, problem) = GenesysRegions.Resolve(domain.ToUpperInvariant(), null);
        Assert.Null(problem);
        Assert.Equal(new Uri($"https://api.{domain}/"), endpoints!.ApiBase);
        Assert.Equal(new Uri($"https://login.{domain}/oauth/token"), endpoints.TokenUrl);
    }

    [Fact]
    public void The_table_has_exactly_eighteen_regions() => Assert.Equal(18, GenesysRegions.All.Select(r => r.Domain).Distinct().Count());

    [Fact]
    public void An_aws_region_key_resolves_too() =>
        Assert.Equal(new Uri("https://api.mypurecloud.de/"), GenesysRegions.Resolve("eu-central-1", null).Endpoints!.ApiBase);

    [Fact]
    public void An_unknown_region_is_IVR6001_listing_the_valid_ones()
    {
        var (endpoints, problem) = GenesysRegions.Resolve("mypurecloud.fr", null);
        Assert.Null(endpoints);
        Assert.Equal("IVR6001", problem!.Code);
        Assert.Contains("mypurecloud.ie", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_url_derives_the_login_host_by_the_api_to_login_rule()
    {
        var endpoints = GenesysRegions.Resolve("mypurecloud.ie", "https://api.example.test").Endpoints!;
        Assert.Equal(new Uri("https://api.example.test/"), endpoints.ApiBase);
        Assert.Equal(new Uri("https://login.example.test/oauth/token"), endpoints.TokenUrl);
    }

    [Fact]
    public void Plain_http_is_refused_except_on_loopback()
    {
        Assert.Equal("IVR6002", GenesysRegions.Resolve(null, "http://api.example.test/").Problem!.Code);
        Assert.Equal(new Uri("http://127.0.0.1:5080/oauth/token"), GenesysRegions.Resolve(null, "http://127.0.0.1:5080").Endpoints!.TokenUrl);
    }

    [Theory]
    [InlineData("https://apps.mypurecloud.ie/uploads/v2/ivr?additionalInfo=x", true)]
    [InlineData("https://api.mypurecloud.ie/uploads/v2/ivr", true)]
    [InlineData("https://apps.mypurecloud.de/uploads/v2/ivr", false)]
    [InlineData("http://apps.mypurecloud.ie/uploads/v2/ivr", false)]
    [InlineData("https://evil.example/uploads/v2/ivr", false)]
    public void The_token_goes_only_to_the_orgs_own_upload_host(string uploadUri, bool trusted)
    {
        var endpoints = GenesysRegions.Resolve("mypurecloud.ie", null).Endpoints!;
        Assert.Equal(trusted, GenesysRegions.IsTrustedUploadHost(endpoints, new Uri(uploadUri)));
    }

    [Theory]
    [InlineData("https://api.mypurecloud.ie/gateway/genesys", "https://api.mypurecloud.ie/gateway/genesys/api/v2/architect/prompts", "https://login.mypurecloud.ie/gateway/genesys/oauth/token")]
    [InlineData("http://127.0.0.1:5000/org-a/", "http://127.0.0.1:5000/org-a/api/v2/architect/prompts", "http://127.0.0.1:5000/org-a/oauth/token")]
    [InlineData("https://api.mypurecloud.ie", "https://api.mypurecloud.ie/api/v2/architect/prompts", "https://login.mypurecloud.ie/oauth/token")]
    public void A_base_path_prefix_is_kept_for_the_api_and_the_token_url(string baseUrl, string prompts, string token)
    {
        var endpoints = GenesysRegions.Resolve(null, baseUrl).Endpoints!;

        Assert.Equal(new Uri(prompts), new Uri(endpoints.ApiBase, "api/v2/architect/prompts"));
        Assert.Equal(new Uri(token), endpoints.TokenUrl);
    }
}
