using HtmlAgilityPack;

namespace SiteAudit.Crawling.Extraction;

/// <summary>
/// Walks a parsed page in document order without recursion. HtmlAgilityPack's Descendants() nests one iterator per
/// level, so every node costs as many steps as it is deep; done several times per crawled page, that was a visible
/// share of the crawl's CPU.
/// </summary>
public static class HtmlWalk
{
    /// <summary>Every node below <paramref name="root"/> (not itself), in document order.</summary>
    public static IEnumerable<HtmlNode> Descendants(HtmlNode root)
    {
        var stack = new Stack<HtmlNode>();
        PushChildren(stack, root);
        while (stack.TryPop(out var node))
        {
            yield return node;
            PushChildren(stack, node);
        }
    }

    /// <summary>The elements named <paramref name="name"/> (lower case) below <paramref name="root"/>, in document order.</summary>
    public static IEnumerable<HtmlNode> Elements(HtmlNode root, string name)
    {
        foreach (var node in Descendants(root))
            if (node.NodeType == HtmlNodeType.Element && node.Name == name) yield return node;
    }

    /// <summary>The first element named <paramref name="name"/>, or null.</summary>
    public static HtmlNode? First(HtmlNode root, string name) => Elements(root, name).FirstOrDefault();

    private static void PushChildren(Stack<HtmlNode> stack, HtmlNode node)
    {
        if (!node.HasChildNodes) return;
        var children = node.ChildNodes;
        for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
    }
}
