package dev.actiontrail.core.region;

import java.util.List;
import java.util.Optional;

/**
 * The regions ActionTrail serves (API reference notes §1.1, the 26 regions of the OpenAPI metadata), in the order
 * DescribeRegions lists them.
 */
public final class RegionCatalogue {
    private static final List<Region> REGIONS = List.of(
            new Region("ap-northeast-1", "Japan (Tokyo)", "日本（东京）"),
            new Region("ap-northeast-2", "South Korea (Seoul)", "韩国（首尔）"),
            new Region("ap-southeast-1", "Singapore", "新加坡"),
            new Region("ap-southeast-3", "Malaysia (Kuala Lumpur)", "马来西亚（吉隆坡）"),
            new Region("ap-southeast-5", "Indonesia (Jakarta)", "印度尼西亚（雅加达）"),
            new Region("ap-southeast-7", "Thailand (Bangkok)", "泰国（曼谷）"),
            new Region("cn-beijing", "China (Beijing)", "华北2（北京）"),
            new Region("cn-chengdu", "China (Chengdu)", "西南1（成都）"),
            new Region("cn-guangzhou", "China (Guangzhou)", "华南3（广州）"),
            new Region("cn-hangzhou", "China (Hangzhou)", "华东1（杭州）"),
            new Region("cn-heyuan", "China (Heyuan)", "华南2（河源）"),
            new Region("cn-hongkong", "China (Hong Kong)", "中国香港"),
            new Region("cn-huhehaote", "China (Hohhot)", "华北5（呼和浩特）"),
            new Region("cn-nanjing", "China (Nanjing - Local Region)", "华东5（南京-本地地域）"),
            new Region("cn-qingdao", "China (Qingdao)", "华北1（青岛）"),
            new Region("cn-shanghai", "China (Shanghai)", "华东2（上海）"),
            new Region("cn-shenzhen", "China (Shenzhen)", "华南1（深圳）"),
            new Region("cn-wulanchabu", "China (Ulanqab)", "华北6（乌兰察布）"),
            new Region("cn-zhangjiakou", "China (Zhangjiakou)", "华北3（张家口）"),
            new Region("us-west-1", "US (Silicon Valley)", "美国（硅谷）"),
            new Region("us-east-1", "US (Virginia)", "美国（弗吉尼亚）"),
            new Region("na-south-1", "Mexico", "墨西哥"),
            new Region("eu-west-1", "UK (London)", "英国（伦敦）"),
            new Region("eu-central-1", "Germany (Frankfurt)", "德国（法兰克福）"),
            new Region("me-east-1", "UAE (Dubai)", "阿联酋（迪拜）"),
            new Region("cn-shanghai-finance-1", "China East 2 Finance", "华东2 金融云"));

    private RegionCatalogue() {
    }

    /** All regions, in DescribeRegions order. */
    public static List<Region> all() {
        return REGIONS;
    }

    /** The region with this ID, if ActionTrail serves it. */
    public static Optional<Region> find(String regionId) {
        return REGIONS.stream().filter(r -> r.regionId().equals(regionId)).findFirst();
    }

    /**
     * Whether a text is shaped like a region ID: lower-case letters and digits in {@code -}-separated words, at most
     * 64 characters ({@code cn-hangzhou}, {@code ap-southeast-1}, {@code cn-shanghai-finance-1}); known or not. What
     * names delivery folders must satisfy this: a caller can put anything in an event's acsRegion.
     */
    public static boolean isWellFormed(String regionId) {
        if (regionId == null || regionId.isEmpty() || regionId.length() > 64) {
            return false;
        }
        boolean wordStart = true;
        for (int i = 0; i < regionId.length(); i++) {
            char c = regionId.charAt(i);
            if (c == '-') {
                if (wordStart) {
                    return false; // leading or doubled hyphen
                }
                wordStart = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                wordStart = false;
            } else {
                return false;
            }
        }
        return !wordStart; // no trailing hyphen
    }

    /** Whether ActionTrail serves this region ID. */
    public static boolean isKnown(String regionId) {
        return find(regionId).isPresent();
    }
}
