namespace SiteAudit.Rules;

/// <summary>
/// Rule ids added by the content rules beyond the contract's list (CONTRACT.md "New rules may be added"). The contract's
/// own ids are in <see cref="SiteAudit.Core.Model.RuleIds"/>.
/// </summary>
public static class ContentRuleIds
{
    /// <summary>A required sub-column (法定主动公开内容's categories, 基层政务公开's areas) is not under its parent column.</summary>
    public const string SubColumnMissing = "subcolumn.missing";

    /// <summary>A column holds fewer items than the profile's `minItems` (基层政务公开: at least 4 per area).</summary>
    public const string ColumnSparse = "column.sparse";

    /// <summary>A column the profile says must carry a 标准目录 (its `catalog` names) has no such link.</summary>
    public const string ColumnCatalogMissing = "column.catalog-missing";
}
