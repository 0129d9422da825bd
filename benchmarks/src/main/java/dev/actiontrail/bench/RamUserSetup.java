package dev.actiontrail.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actiontrail.cli.local.AccountSettings;
import dev.actiontrail.cli.local.LocalRuntime;
import dev.actiontrail.http.rpc.ApiRenderer;
import dev.actiontrail.http.rpc.ApiResponse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RAM user of P3's authorization figure: {@value #USER}, with {@value #POLICIES} custom policies of
 * {@value #STATEMENTS} statements each (the first five attached to the user, the other five to its group {@value #GROUP}), and an AccessKey. Made through RAM API calls (2015-05-01) run by
 * {@link LocalRuntime#call} as the data folder's root identity, before the server under test starts.
 *
 * <p>The policies look like a team's: ECS and RAM statements for the team's own resources, trail protection (Deny
 * StopLogging / DeleteTrail), Deny of insecure RAM writes ({@code Bool acs:SecureTransport false}), and in every
 * other policy a Deny of ActionTrail reads from outside the company networks ({@code NotIpAddress acs:SourceIp}),
 * which matches LookupEvents' and DescribeTrails' action and resource, so its condition is tested on every call.
 * The only statement that allows LookupEvents and DescribeTrails is the very last one (policy 10, statement 5,
 * itself conditional on {@code IpAddress acs:SourceIp 127.0.0.0/8}), so every call walks all 50 statements.
 * Nothing denies the benchmark's calls from 127.0.0.1.
 */
final class RamUserSetup {
    static final String USER = "bench-user";
    /** The user's group, which holds the second half of the policies (RAM allows 5 custom ones per user). */
    static final String GROUP = "bench-group";
    static final int POLICIES = 10;
    static final int STATEMENTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The user's AccessKey. */
    record Key(String id, String secret) {
    }

    private RamUserSetup() {
    }

    /** The policy name of policy {@code i} (1-based). */
    static String policyName(int i) {
        return "bench-policy-" + i;
    }

    /** The custom policies by name, in attachment order: {@value #POLICIES} documents of {@value #STATEMENTS}. */
    static Map<String, String> policies(String account) {
        Map<String, String> docs = new LinkedHashMap<>();
        for (int i = 1; i <= POLICIES; i++) {
            List<Map<String, Object>> st = new ArrayList<>();
            String team = "team" + i;
            st.add(statement("Ecs" + i, "Allow",
                    List.of("ecs:Describe*", "ecs:StartInstance", "ecs:StopInstance", "ecs:RebootInstance"),
                    List.of("acs:ecs:*:" + account + ":instance/*"),
                    Map.of("IpAddress", Map.of("acs:SourceIp", List.of("10." + i + ".0.0/16", "172.16." + i + ".0/24")))));
            st.add(statement("RamRead" + i, "Allow", List.of("ram:GetUser", "ram:List*", "ram:GetPolicy*"),
                    List.of("acs:ram:*:" + account + ":user/" + team + "-*",
                            "acs:ram:*:" + account + ":policy/" + team + "-*"),
                    null));
            st.add(statement("NoInsecureRamWrites" + i, "Deny",
                    List.of("ram:Create*", "ram:Delete*", "ram:Attach*", "ram:Detach*", "ram:Update*"),
                    List.of("*"),
                    Map.of("Bool", Map.of("acs:SecureTransport", "false"))));
            st.add(statement("TeamTrails" + i, "Allow",
                    List.of("actiontrail:GetTrailStatus", "actiontrail:UpdateTrail", "actiontrail:StartLogging"),
                    List.of("acs:actiontrail:*:" + account + ":trail/" + team + "-*"),
                    null));
            if (i == POLICIES) { // the only grant of the benchmark's calls: last, so evaluation walks everything
                st.add(statement("ReadAuditEvents", "Allow",
                        List.of("actiontrail:LookupEvents", "actiontrail:Describe*", "actiontrail:Get*"),
                        List.of("*"),
                        Map.of("IpAddress", Map.of("acs:SourceIp", List.of("127.0.0.0/8", "::1/128")))));
            } else if (i % 2 == 0) { // matches the benchmark's action and resource: its condition is evaluated
                st.add(statement("ReadsFromCompanyNetworksOnly" + i, "Deny",
                        List.of("actiontrail:LookupEvents", "actiontrail:Describe*"),
                        List.of("*", "acs:actiontrail:*:" + account + ":trail/*"),
                        Map.of("NotIpAddress", Map.of("acs:SourceIp",
                                List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "192.168.0.0/16")))));
            } else {
                st.add(statement("ProtectTrails" + i, "Deny",
                        List.of("actiontrail:StopLogging", "actiontrail:DeleteTrail", "actiontrail:UpdateTrail"),
                        List.of("acs:actiontrail:*:" + account + ":trail/*"),
                        null));
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("Version", "1");
            doc.put("Statement", st);
            try {
                docs.put(policyName(i), JSON.writeValueAsString(doc));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return docs;
    }

    private static Map<String, Object> statement(String sid, String effect, List<String> actions,
                                                 List<String> resources, Map<String, Object> condition) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Sid", sid);
        s.put("Effect", effect);
        s.put("Action", actions);
        s.put("Resource", resources);
        if (condition != null) {
            s.put("Condition", condition);
        }
        return s;
    }

    /**
     * Makes the user, its policies and its key in the data folder (the account set to {@code account} first, as
     * {@code serve --account-id} does). A user left by an earlier run on the same folder ({@code --reuse-history})
     * is removed first (its keys, attachments and the user), and policies of the same name are replaced.
     *
     * @throws IllegalStateException with the answer's body when a call fails
     */
    static Key setUp(Path dataDir, String account) {
        AccountSettings settings = AccountSettings.load(dataDir);
        settings.setAccountId(account);
        settings.save();
        try (LocalRuntime rt = LocalRuntime.open(dataDir)) {
            if (call(rt, Map.of("Action", "GetUser", "UserName", USER)).ok()) {
                JsonNode keys = json(require(rt, Map.of("Action", "ListAccessKeys", "UserName", USER)));
                for (JsonNode id : keys.findValues("AccessKeyId")) {
                    require(rt, Map.of("Action", "DeleteAccessKey", "UserName", USER,
                            "UserAccessKeyId", id.asText()));
                }
                for (int i = 1; i <= POLICIES; i++) { // not attached (an earlier run failed half-way): ignored
                    call(rt, Map.of("Action", "DetachPolicyFromUser", "PolicyType", "Custom",
                            "PolicyName", policyName(i), "UserName", USER));
                }
                call(rt, Map.of("Action", "RemoveUserFromGroup", "GroupName", GROUP, "UserName", USER));
                require(rt, Map.of("Action", "DeleteUser", "UserName", USER));
            }
            if (call(rt, Map.of("Action", "GetGroup", "GroupName", GROUP)).ok()) {
                for (int i = 1; i <= POLICIES; i++) {
                    call(rt, Map.of("Action", "DetachPolicyFromGroup", "PolicyType", "Custom",
                            "PolicyName", policyName(i), "GroupName", GROUP));
                }
                require(rt, Map.of("Action", "DeleteGroup", "GroupName", GROUP));
            }
            require(rt, Map.of("Action", "CreateUser", "UserName", USER, "DisplayName", "P3 benchmark user",
                    "Comments", "RAM user of the P3 authorization figure"));
            require(rt, Map.of("Action", "CreateGroup", "GroupName", GROUP, "Comments", "P3 benchmark group"));
            require(rt, Map.of("Action", "AddUserToGroup", "GroupName", GROUP, "UserName", USER));
            int attached = 0;
            for (Map.Entry<String, String> p : policies(account).entrySet()) {
                Map<String, String> create = Map.of("Action", "CreatePolicy", "PolicyName", p.getKey(),
                        "PolicyDocument", p.getValue(), "Description", "P3 benchmark policy");
                ApiResponse created = call(rt, create);
                if ("EntityAlreadyExists.Policy".equals(created.errorCode())) {
                    require(rt, Map.of("Action", "DeletePolicy", "PolicyName", p.getKey()));
                    created = call(rt, create);
                }
                check(created, create);
                // RAM allows 5 custom policies per user: the first half on the user, the rest on its group
                if (attached++ < POLICIES / 2) {
                    require(rt, Map.of("Action", "AttachPolicyToUser", "PolicyType", "Custom",
                            "PolicyName", p.getKey(), "UserName", USER));
                } else {
                    require(rt, Map.of("Action", "AttachPolicyToGroup", "PolicyType", "Custom",
                            "PolicyName", p.getKey(), "GroupName", GROUP));
                }
            }
            JsonNode key = json(require(rt, Map.of("Action", "CreateAccessKey", "UserName", USER)));
            String id = key.at("/AccessKey/AccessKeyId").asText("");
            String secret = key.at("/AccessKey/AccessKeySecret").asText("");
            if (id.isEmpty() || secret.isEmpty()) {
                throw new IllegalStateException("CreateAccessKey answered no AccessKey: " + key);
            }
            return new Key(id, secret);
        }
    }

    private static ApiResponse call(LocalRuntime rt, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("Version", "2015-05-01");
        return rt.call(all, "cn-hangzhou", "actiontrail-bench");
    }

    private static ApiResponse require(LocalRuntime rt, Map<String, String> params) {
        return check(call(rt, params), params);
    }

    private static ApiResponse check(ApiResponse answer, Map<String, String> params) {
        if (!answer.ok()) {
            throw new IllegalStateException("RAM " + params.get("Action") + " failed (HTTP " + answer.status()
                    + "): " + ApiRenderer.json(answer));
        }
        return answer;
    }

    private static JsonNode json(ApiResponse answer) {
        try {
            return JSON.readTree(ApiRenderer.json(answer));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
