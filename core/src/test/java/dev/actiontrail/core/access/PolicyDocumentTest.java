package dev.actiontrail.core.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading and validating policy trees (access-control reference §1.1, §1.3): exact error messages. */
class PolicyDocumentTest {

    static Object tree(String singleQuoted) {
        return JsonTree.parse(singleQuoted.replace('\'', '"'));
    }

    static final String OK_STATEMENT = "{'Effect':'Allow','Action':'*','Resource':'*'}";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "[]|The policy document must be a JSON object",
            "'x'|The policy document must be a JSON object",
            "{'Statement':[" + OK_STATEMENT + "]}|Missing \"Version\"",
            "{'Version':1,'Statement':[" + OK_STATEMENT + "]}|\"Version\" must be the string \"1\"",
            "{'Version':'2','Statement':[" + OK_STATEMENT + "]}|Unsupported \"Version\" \"2\" (must be \"1\")",
            "{'Version':'1'}|Missing \"Statement\"",
            "{'Version':'1','Statement':[]}|\"Statement\" must not be empty",
            "{'Version':'1','Statement':'x'}|\"Statement\" must be an object or an array of objects",
            "{'Version':'1','Statement':[" + OK_STATEMENT + "],'Id':'x'}|Unknown policy element \"Id\" (only \"Version\" and \"Statement\" are allowed at the top level)",
            "{'Version':'1','Statement':[" + OK_STATEMENT + ",'x']}|A statement must be a JSON object in Statement 2",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Foo':1}]}|Unknown element \"Foo\" in Statement 1",
            "{'Version':'1','Statement':[{'Action':'*','Resource':'*'}]}|Missing \"Effect\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'allow','Action':'*','Resource':'*'}]}|Invalid \"Effect\" \"allow\" (must be \"Allow\" or \"Deny\") in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Resource':'*'}]}|Missing \"Action\" or \"NotAction\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','NotAction':'*','Resource':'*'}]}|Both \"Action\" and \"NotAction\" (use only one) in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*'}]}|Missing \"Resource\" or \"NotResource\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','NotResource':'*'}]}|Both \"Resource\" and \"NotResource\" (use only one) in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'','Resource':'*'}]}|Empty string in \"Action\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:A',''],'Resource':'*'}]}|Empty string in \"Action\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','NotAction':[],'Resource':'*'}]}|\"NotAction\" must not be empty in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':5,'Resource':'*'}]}|\"Action\" must be a string or an array of strings, found 5 in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:A',true],'Resource':'*'}]}|\"Action\" must contain only strings, found true in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'DescribeTrails','Resource':'*'}]}|Invalid action \"DescribeTrails\" in \"Action\" (expected \"*\" or \"<service>:<action>\") in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'ecs:','Resource':'*'}]}|Invalid action \"ecs:\" in \"Action\" (expected \"*\" or \"<service>:<action>\") in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':''}]}|Empty string in \"Resource\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':null}]}|\"Resource\" must be a string or an array of strings, found null in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':{}}]}|\"Resource\" must be a string or an array of strings, found an object in Statement 1",
            "{'Version':'1','Statement':[" + OK_STATEMENT + ",{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEqualz':{'k':'v'}}}]}|Unknown condition operator \"StringEqualz\" in Statement 2",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'stringequals':{'k':'v'}}}]}|Unknown condition operator \"stringequals\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':[]}]}|\"Condition\" must be a JSON object of condition operators in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':'v'}}]}|Condition operator \"StringEquals\" must map condition keys to values in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':{}}}]}|Condition operator \"StringEquals\" has no condition key in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':{'k':[]}}}]}|Condition value for \"k\" under \"StringEquals\" must not be empty in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':{'k':null}}}]}|Condition value for \"k\" under \"StringEquals\" must be a string, number, boolean or an array of them, found null in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':{'k':['a',{}]}}}]}|Condition value for \"k\" under \"StringEquals\" must be a string, number, boolean or an array of them, found an object in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':{'':'v'}}}]}|Empty condition key under \"StringEquals\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'IpAddress':{'acs:SourceIp':'42.120.XX.X/24'}}}]}|Invalid IP address or CIDR block \"42.120.XX.X/24\" for \"acs:SourceIp\" under \"IpAddress\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'NotIpAddress':{'acs:SourceIp':['10.0.0.0/33']}}}]}|Invalid IP address or CIDR block \"10.0.0.0/33\" for \"acs:SourceIp\" under \"NotIpAddress\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'DateLessThan':{'acs:CurrentTime':'11/11/2012'}}}]}|Invalid ISO 8601 date \"11/11/2012\" for \"acs:CurrentTime\" under \"DateLessThan\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'NumericEquals':{'k':'abc'}}}]}|Invalid number \"abc\" for \"k\" under \"NumericEquals\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'Bool':{'acs:SecureTransport':'yes'}}}]}|Invalid boolean \"yes\" for \"acs:SecureTransport\" under \"Bool\" (must be \"true\" or \"false\") in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Principal':{'RAM':'acs:ram::1234567890123456:root'}}]}|\"Principal\" is only allowed in a trust policy in Statement 1",
            "{'Version':'1','Statement':[{'Sid':7,'Effect':'Allow','Action':'*','Resource':'*'}]}|\"Sid\" must be a string in Statement 1",
    })
    void rejectsAMalformedIdentityPolicy(String json, String message) {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> PolicyDocument.identityPolicy(tree(json)));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole'}]}|Missing \"Principal\" in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'Ram':'x'}}]}|Unknown principal type \"Ram\" in \"Principal\" (expected \"RAM\", \"Service\" or \"Federated\") in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{}}]}|\"Principal\" must not be empty in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Principal':'acs:ram::1:root'}]}|\"Principal\" must be \"*\" or an object such as {\"RAM\": [\"acs:ram::<account-id>:root\"]} in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'RAM':[]}}]}|\"Principal\" \"RAM\" must not be empty in Statement 1",
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'Service':''}}]}|Empty string in \"Principal\" \"Service\" in Statement 1",
    })
    void rejectsAMalformedTrustPolicy(String json, String message) {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> PolicyDocument.trustPolicy(tree(json)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void readsTheFullGrammar() {
        PolicyDocument d = PolicyDocument.identityPolicy(tree("{'Statement':{'Sid':'s1','Effect':'Deny',"
                + "'NotAction':['ram:*','sts:AssumeRole'],'NotResource':'acs:ram:*:*:user/x','Condition':{"
                + "'StringEquals':{'acs:UserAgent':['a','b'],'acs:Service':'s'},'NumericLessThan':{'n':10},"
                + "'Bool':{'acs:SecureTransport':true}}},'Version':'1'}"));
        assertFalse(d.isTrustPolicy());
        assertEquals("1", d.version());
        assertEquals(1, d.statements().size());
        Statement s = d.statements().get(0);
        assertEquals(Effect.Deny, s.effect());
        assertTrue(s.isNotAction());
        assertEquals(List.of("ram:*", "sts:AssumeRole"), s.actions());
        assertTrue(s.isNotResource());
        assertEquals(List.of("acs:ram:*:*:user/x"), s.resources());
        assertEquals(List.of(
                new Condition(ConditionOperator.StringEquals, "acs:UserAgent", List.of("a", "b")),
                new Condition(ConditionOperator.StringEquals, "acs:Service", List.of("s")),
                new Condition(ConditionOperator.NumericLessThan, "n", List.of("10")),
                new Condition(ConditionOperator.Bool, "acs:SecureTransport", List.of("true"))), s.conditions());
        assertEquals(Map.of(), s.principals());
    }

    @Test
    void aSingleStringIsAOneElementList() {
        assertEquals(PolicyDocument.identityPolicy(tree("{'Version':'1','Statement':[{'Effect':'Allow',"
                        + "'Action':'ecs:Describe*','Resource':'*','Condition':{'IpAddress':{'acs:SourceIp':'1.2.3.4'}}}]}")),
                PolicyDocument.identityPolicy(tree("{'Version':'1','Statement':[{'Effect':'Allow',"
                        + "'Action':['ecs:Describe*'],'Resource':['*'],'Condition':{'IpAddress':"
                        + "{'acs:SourceIp':['1.2.3.4']}}}]}")));
    }

    @Test
    void readsTrustPolicies() {
        PolicyDocument d = PolicyDocument.trustPolicy(tree("{'Statement':[{'Action':'sts:AssumeRole',"
                + "'Effect':'Allow','Principal':{'RAM':'acs:ram::123456789012****:root','Service':["
                + "'ecs.aliyuncs.com']}}],'Version':'1'}"));
        assertTrue(d.isTrustPolicy());
        assertEquals(Map.of("RAM", List.of("acs:ram::123456789012****:root"), "Service",
                List.of("ecs.aliyuncs.com")), d.statements().get(0).principals());
        assertEquals(List.of(), d.statements().get(0).resources());
        PolicyDocument any = PolicyDocument.trustPolicy(tree("{'Version':'1','Statement':[{'Action':"
                + "'sts:AssumeRole','Effect':'Allow','Principal':'*'}]}"));
        assertEquals(Map.of("*", List.of("*")), any.statements().get(0).principals());
    }

    /** The tree may come from any JSON library: other Map/List classes, Integer/Double/BigDecimal numbers. */
    @Test
    void acceptsAnyLibrarysTree() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("a", 5);
        keys.put("b", List.of(1.5, new BigDecimal("2.50"), 7L));
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Action", new ArrayList<>(List.of("x:Y")));
        statement.put("Resource", "*");
        statement.put("Condition", Map.of("NumericEquals", keys));
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("Version", "1");
        top.put("Statement", List.of(statement));
        PolicyDocument d = PolicyDocument.fromTree(top);
        assertEquals(List.of("5"), d.statements().get(0).conditions().get(0).values());
        assertEquals(List.of("1.5", "2.50", "7"), d.statements().get(0).conditions().get(1).values());
    }

    @Test
    void buildsFromTheModelDirectly() {
        Statement s = new Statement(Effect.Allow, false, List.of("actiontrail:*"), false, List.of("*"), Map.of(),
                List.of());
        PolicyDocument d = new PolicyDocument(false, List.of(s));
        assertEquals(PolicyDocument.identityPolicy(tree("{'Version':'1','Statement':[{'Effect':'Allow',"
                + "'Action':'actiontrail:*','Resource':'*'}]}")), d);
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> new PolicyDocument(false, List.of(new Statement(Effect.Allow, false, List.of("a:b"), false,
                        List.of(), Map.of(), List.of()))));
        assertEquals("Missing \"Resource\" or \"NotResource\" in Statement 1", e.getMessage());
        assertThrows(MalformedPolicyException.class, () -> new PolicyDocument(false, List.of()));
    }

    @Test
    void theCoreParserReadsTextAndReportsBadJson() {
        PolicyParser parser = JsonTree.policyParser();
        assertEquals(1, parser.parse("{\"Version\":\"1\",\"Statement\":[" + OK_STATEMENT.replace('\'', '"')
                + "]}").statements().size());
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> parser.parse("{\"Version\":\"1\",}"));
        assertEquals("Invalid JSON at position 15: expected a member name in double quotes", e.getMessage());
        assertTrue(parser.parseTrust("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"sts:AssumeRole\",\"Principal\":{\"RAM\":\"acs:ram::1234567890123456:root\"}}]}").isTrustPolicy());
        assertThrows(MalformedPolicyException.class, () -> parser.parseTrust(
                "{\"Version\":\"1\",\"Statement\":[" + OK_STATEMENT.replace('\'', '"') + "]}"));
    }
}
