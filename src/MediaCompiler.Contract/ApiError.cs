namespace MediaCompiler.Contract;

/// <summary>The body of every error answer: <c>{ message, code, status, contextId, details }</c>.</summary>
public sealed record ApiError(string Message, string Code, int Status, string ContextId, IReadOnlyList<ApiErrorDetail> Details);

/// <summary>One detail of an error: the field at fault (e.g. <c>media[2].assetId</c>), a code and a message.</summary>
public sealed record ApiErrorDetail(string? Field, string Code, string Message);
