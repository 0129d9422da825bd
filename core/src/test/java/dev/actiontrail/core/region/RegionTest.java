package dev.actiontrail.core.region;

import dev.actiontrail.core.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DescribeRegions' catalogue and AcceptLanguage (§1.1, §2.8). */
class RegionTest {

    @Test
    void theCatalogueHasTwentySixUniqueRegions() {
        List<Region> all = RegionCatalogue.all();
        assertEquals(26, all.size());
        assertEquals(26, new HashSet<>(all.stream().map(Region::regionId).toList()).size());
        assertEquals("ap-northeast-1", all.get(0).regionId());
        assertEquals("cn-shanghai-finance-1", all.get(25).regionId());
        assertThrows(UnsupportedOperationException.class, () -> all.add(new Region("x", "x", "x")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn-hangzhou", "cn-shanghai", "cn-qingdao", "cn-beijing", "ap-southeast-1",
            "us-west-1", "eu-central-1", "cn-hongkong"})
    void documentedRegionsAreKnown(String regionId) {
        assertTrue(RegionCatalogue.isKnown(regionId));
        assertEquals(regionId, RegionCatalogue.find(regionId).orElseThrow().regionId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "All", "CN-HANGZHOU", "cn-hangzhou ", "mars-north-1"})
    void otherIdsAreUnknown(String regionId) {
        assertFalse(RegionCatalogue.isKnown(regionId));
        assertEquals(Optional.empty(), RegionCatalogue.find(regionId));
    }

    @Test
    void aRegionHasItsEndpointAndLocalNames() {
        Region hz = RegionCatalogue.find("cn-hangzhou").orElseThrow();
        assertEquals("actiontrail.cn-hangzhou.aliyuncs.com", hz.endpoint());
        assertEquals("China (Hangzhou)", hz.localName(AcceptLanguage.EN_US));
        assertEquals("华东1（杭州）", hz.localName(AcceptLanguage.ZH_CN));
        assertEquals("Singapore", RegionCatalogue.find("ap-southeast-1").orElseThrow().localName(AcceptLanguage.EN_US));
    }

    @Test
    void acceptLanguageIsZhCnOrEnUsDefaultingToEnUs() {
        assertEquals(AcceptLanguage.ZH_CN, AcceptLanguage.parse("zh-CN"));
        assertEquals(AcceptLanguage.EN_US, AcceptLanguage.parse("en-US"));
        assertEquals(AcceptLanguage.EN_US, AcceptLanguage.parse(null));
        assertEquals(AcceptLanguage.EN_US, AcceptLanguage.parse(""));
        assertEquals("zh-CN", AcceptLanguage.ZH_CN.tag());
        assertEquals("en-US", AcceptLanguage.EN_US.tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-cn", "EN-US", "en", "fr-FR", "zh_CN", "ja-JP", " en-US"})
    void anyOtherLanguageIsInvalidAcceptLanguage(String value) {
        ApiException e = assertThrows(ApiException.class, () -> AcceptLanguage.parse(value));
        assertEquals("InvalidAcceptLanguage", e.code());
        assertEquals(400, e.httpStatus());
        assertEquals("Only Chinese (zh-CN), English (en-US) are allowed.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn-hangzhou", "ap-southeast-1", "cn-shanghai-finance-1", "us-east-1", "x", "a1"})
    void wellFormedRegionIds(String id) {
        org.junit.jupiter.api.Assertions.assertTrue(RegionCatalogue.isWellFormed(id), id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-cn", "cn-", "cn--hangzhou", "CN-hangzhou", "cn_hangzhou", "../..", "cn/x",
            "cn hangzhou", "ü", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void malformedRegionIds(String id) {
        assertFalse(RegionCatalogue.isWellFormed(id), id);
        assertFalse(RegionCatalogue.isWellFormed(null));
    }
}
