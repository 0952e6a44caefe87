namespace SiteAudit.Tests.Fakes;

// Word pools for the farm's pages. Written for the tests (no real portal text); every character is in GBK
// because two portals are served GBK-encoded.
public sealed partial class PortalFarm
{
    private static class Words
    {
        public static readonly string[] Topics =
        [
            "安全生产", "森林防火", "乡村振兴", "农村人居环境整治", "防汛抗旱", "营商环境优化", "数字政府建设", "耕地保护",
            "文明城市创建", "秋冬季农业生产", "招商引资", "民生实事", "消防安全", "食品安全", "义务教育", "养老服务",
            "城乡环境卫生", "河湖长制", "集体林权制度改革", "高标准农田建设", "农村饮水安全", "老旧小区改造",
        ];

        public static readonly string[] Towns = ["城关镇", "东坪乡", "石桥镇", "白沙乡", "河口镇", "龙潭乡", "青石镇", "柳林乡"];

        public static readonly string[] Depts =
        [
            "县发展和改革局", "县教育局", "县财政局", "县自然资源局", "县住房和城乡建设局", "县农业农村局", "县卫生健康局",
            "县市场监督管理局", "县应急管理局", "县人力资源和社会保障局", "县交通运输局", "县水利局",
        ];

        public static readonly string[] People = ["王建国", "李明华", "张伟", "陈静", "刘洋", "赵磊", "周敏", "孙立新", "吴海燕", "郑晓东"];

        /// <summary>Names with characters outside GB2312 (but inside GBK): pages declared gb2312 really are GBK.</summary>
        public static readonly string[] RareNames = ["吴喆", "孙堃", "李赟", "王昇"];

        public static readonly string[] Sentences =
        [
            "会议传达学习了上级有关会议精神，通报了前一阶段工作进展情况。",
            "会议强调，各乡镇、各部门要提高政治站位，压实工作责任，确保各项任务落到实处。",
            "调研组一行实地察看了项目建设现场，详细了解工程进度和存在的困难。",
            "下一步，我县将进一步完善工作机制，加强督促检查，推动工作取得更大成效。",
            "活动现场发放宣传资料3000余份，解答群众咨询200余人次。",
            "据统计，今年以来全县累计完成投资12.6亿元，同比增长8.3%。",
            "各相关单位要按照职责分工，密切配合，形成工作合力。",
            "本次培训采取集中授课和现场教学相结合的方式进行。",
            "检查组对发现的问题当场反馈，并督促相关单位限期整改。",
            "群众对此次活动给予高度评价，纷纷表示受益匪浅。",
        ];

        public static readonly string[] PolicyTitles =
        [
            "{c}人民政府关于印发{c}{t}管理办法的通知",
            "{c}人民政府办公室关于进一步加强{t}工作的意见",
            "{c}人民政府办公室关于印发{c}{t}三年行动方案的通知",
            "{c}人民政府关于做好{t}工作的通知",
        ];

        public static readonly string[] NewsTitles =
        [
            "{c}召开{t}工作会议", "{c}开展{t}专项行动", "县领导调研{t}工作", "{c}举行{t}工作推进会", "{town}{t}工作取得新进展",
            "{c}部署{t}重点工作", "{town}扎实推进{t}",
        ];

        public static readonly string[] NoticeTitles =
        [
            "关于{t}有关事项的通告", "关于开展{t}检查的通知", "{c}{t}工作实施方案（征求意见稿）公示", "关于{t}的公示",
        ];

        public static readonly string[] RuleTitles =
        [
            "{c}政府信息公开保密审查制度", "{c}政府信息公开发布协调制度", "{c}政府信息依申请公开工作规程",
            "{c}政务公开工作考核办法", "{c}政府信息主动公开工作制度",
        ];
    }

    private static string Fill(string template, string county, string topic, string town) =>
        template.Replace("{c}", county).Replace("{t}", topic).Replace("{town}", town);
}
