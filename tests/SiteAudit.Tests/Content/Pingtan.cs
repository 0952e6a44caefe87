namespace SiteAudit.Tests.Content;

/// <summary>
/// The pingtan-zwgk corpus (../shared/corpus/pingtan-zwgk, see its SOURCE.md): a real county-level TRS portal's saved
/// pages, read in place (never copied into the repo). Document folders are named "&lt;docid&gt;_&lt;title&gt;", found by id.
/// </summary>
internal static class Pingtan
{
    public const string Origin = "https://www.pingtan.gov.cn";

    /// <summary>The saved list page of a column, e.g. List("zfxxgk/zfxxgknb").</summary>
    public static string List(string column) =>
        CorpusFiles.Read(["pingtan-zwgk", "pingtan", "zwgk", .. column.Split('/'), "_lists", "index.html"]);

    /// <summary>The saved page of document <paramref name="docId"/> in <paramref name="folder"/> (e.g. "zfxxgk/zfxxgkzn/202311").</summary>
    public static string Document(string folder, string docId)
    {
        var dir = CorpusFiles.PathOf(["pingtan-zwgk", "pingtan", "zwgk", .. folder.Split('/')]);
        if (!Directory.Exists(dir)) throw new InvalidOperationException($"TEST CORPUS FOLDER MISSING: {dir}");
        var match = Directory.GetDirectories(dir, docId + "_*").SingleOrDefault()
                    ?? throw new InvalidOperationException($"TEST CORPUS DOCUMENT MISSING: {docId} in {dir}");
        return File.ReadAllText(Path.Combine(match, "page.html"));
    }

    /// <summary>The live URL of a column's list page (where the saved page came from).</summary>
    public static string ListUrl(string column) => $"{Origin}/zwgk/{column}/";

    /// <summary>The live URL of a document, as its list and related pages link it: …/202311/t20231104_51587.htm.</summary>
    public static string DocumentUrl(string folder, string urlFile) => $"{Origin}/zwgk/{folder}/{urlFile}";
}
