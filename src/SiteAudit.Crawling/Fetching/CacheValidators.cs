namespace SiteAudit.Crawling.Fetching;

/// <summary>
/// What the previous audit's response for a page carried (ETag, Last-Modified), sent back as If-None-Match /
/// If-Modified-Since so an unchanged page costs a 304. <see cref="At"/> is the URL that answered then (the end of its
/// redirects): only the request to it carries them, since the validators describe that response and no other.
/// </summary>
public sealed record CacheValidators(string? ETag, DateTimeOffset? LastModified, Uri At);
