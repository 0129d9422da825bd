package dev.actiontrail.core.region;

/**
 * One ActionTrail region: its ID, its English and Chinese local names and its public endpoint
 * {@code actiontrail.<regionId>.aliyuncs.com} (API reference notes §1.1, §2.8).
 */
public record Region(String regionId, String englishName, String chineseName) {

    /** The public ActionTrail endpoint host of this region. */
    public String endpoint() {
        return "actiontrail." + regionId + ".aliyuncs.com";
    }

    /** The local name in the language of a DescribeRegions call. */
    public String localName(AcceptLanguage language) {
        return language == AcceptLanguage.ZH_CN ? chineseName : englishName;
    }
}
