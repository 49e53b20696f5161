using System.Net;
using System.Net.Http.Json;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// The emulator's prompt listing honours the getArchitectPrompts query parameters the SDK declares (description,
/// nameOrDescription, sortBy, sortOrder, divisionId) or refuses what it cannot take; and the division listing the
/// build resolves IvrGenesysDivision with filters by id and name.
/// </summary>
public sealed class EmulatorListingQueryTests : IAsyncLifetime
{
    private const string SalesId = "5a1e5000-0000-4000-8000-000000000042";
    private ArchitectEmulator _org = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        _org = await ArchitectEmulator.StartAsync(new { IndexLagMilliseconds = 0, Divisions = new Dictionary<string, string> { ["Sales"] = SalesId } });
        _token = await _org.TokenAsync();
        await CreateAsync("Alpha", "Welcome to sales", SalesId);
        await CreateAsync("Bravo", "Closed for the holidays", null);
        await CreateAsync("Welcome_back", "Zebra crossing", null);
    }

    public async Task DisposeAsync() => await _org.DisposeAsync();

    [Theory]
    [InlineData("description=welcome", "Alpha")]
    [InlineData("description=Closed*", "Bravo")]
    [InlineData("nameOrDescription=welcome&sortBy=name", "Alpha,Welcome_back")]
    [InlineData("nameOrDescription=bra", "Bravo")]
    [InlineData("name=Alpha&description=Closed", "")]
    [InlineData("divisionId=" + SalesId, "Alpha")]
    [InlineData("name=Alpha&divisionId=" + SalesId, "Alpha")]
    [InlineData("name=Bravo&divisionId=" + SalesId, "")]
    // Several names: "no other filters will be evaluated" (the SDK's getArchitectPrompts), the division included.
    [InlineData("name=Alpha&name=Bravo&divisionId=" + SalesId + "&sortBy=name", "Alpha,Bravo")]
    [InlineData("name=Alpha,Bravo&description=Closed&sortBy=name", "Alpha,Bravo")]
    [InlineData("sortBy=description&sortOrder=asc", "Bravo,Alpha,Welcome_back")]
    [InlineData("sortBy=description&sortOrder=desc", "Welcome_back,Alpha,Bravo")]
    [InlineData("sortBy=name&sortOrder=desc", "Welcome_back,Bravo,Alpha")]
    public async Task Listing_filters_and_sorts_as_asked(string query, string expected)
    {
        var listing = await _org.GetJsonAsync<PromptListingDto>("api/v2/architect/prompts?pageSize=100&" + query, _token);

        Assert.Equal(expected, string.Join(',', listing!.Entities!.Select(p => p.Name)));
    }

    [Theory]
    [InlineData("sortBy=color")]
    [InlineData("sortBy=name&sortOrder=sideways")]
    public async Task An_unknown_sort_field_or_order_is_refused_400(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v2/architect/prompts?" + query);
        request.Headers.Authorization = new("Bearer", _token);
        using var response = await _org.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("name=sales", "Sales")]
    [InlineData("id=" + SalesId, "Sales")]
    [InlineData("id=" + MediaCompiler.Emulator.Architect.ArchitectSettings.HomeDivisionId, "Home")]
    [InlineData("name=Marketing", "")]
    [InlineData("", "Home,Sales")]
    public async Task The_division_listing_filters_by_id_and_name(string query, string expected)
    {
        var listing = await _org.GetJsonAsync<AuthzDivisionEntityListingDto>("api/v2/authorization/divisions?" + query, _token);

        Assert.Equal(expected, string.Join(',', listing!.Entities!.Select(d => d.Name)));
    }

    private async Task CreateAsync(string name, string description, string? divisionId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/architect/prompts")
        {
            Content = JsonContent.Create(new { name, description, division = divisionId is null ? null : new { id = divisionId } }),
        };
        request.Headers.Authorization = new("Bearer", _token);
        using var response = await _org.Admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
