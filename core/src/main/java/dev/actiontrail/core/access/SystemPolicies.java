package dev.actiontrail.core.access;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in system policies (read-only): their names, descriptions, documents and versions.
 *
 * <ul>
 *   <li>{@code AliyunActionTrailFullAccess} (v2, created 2016-01-25, updated 2020-08-05) and
 *       {@code AliyunActionTrailReadOnlyAccess} (v4, created 2016-01-25, updated 2022-06-27): the exact documents of
 *       access-control reference §1.5 [D], formatted as there. Times of day are not published: midnight UTC [I].</li>
 *   <li>{@code AdministratorAccess}: {@code *} on {@code *} [D grammar example; Alibaba's document].</li>
 *   <li>{@code ReadOnlyAccess} [I]: Alibaba's real document lists hundreds of service-specific actions; here the
 *       read-only verbs of every service — {@code *:Describe*}, {@code *:List*}, {@code *:Get*},
 *       {@code *:BatchGet*}, {@code *:Query*}, {@code *:BatchQuery*} — plus ActionTrail's other read-only actions
 *       {@code actiontrail:Lookup*} (LookupEvents) and {@code actiontrail:Check*}, on {@code *}.</li>
 *   <li>{@code AliyunRAMFullAccess} ({@code ram:*}), {@code AliyunRAMReadOnlyAccess} ({@code ram:Get*},
 *       {@code ram:List*}), {@code AliyunSTSAssumeRoleAccess} ({@code sts:AssumeRole}), all on {@code *}.</li>
 * </ul>
 * Descriptions follow Alibaba Cloud's English wording as far as known; creation dates other than the ActionTrail
 * ones are placeholders [I]. The documents are JSON text read once by {@link JsonTree}.
 */
public final class SystemPolicies {
    private static final Map<String, SystemPolicy> BY_NAME = new LinkedHashMap<>();

    static {
        add("AdministratorAccess", "Provides full access to all Alibaba Cloud services and resources.", "v1",
                "2015-04-28", "2015-04-28", """
                {
                  "Version": "1",
                  "Statement": [
                    { "Action": "*", "Effect": "Allow", "Resource": "*" }
                  ]
                }""");
        add("ReadOnlyAccess", "Provides read-only access to all Alibaba Cloud services and resources.", "v1",
                "2015-04-28", "2015-04-28", """
                {
                  "Version": "1",
                  "Statement": [
                    { "Action": [ "*:Describe*", "*:List*", "*:Get*", "*:BatchGet*", "*:Query*", "*:BatchQuery*",
                                  "actiontrail:Lookup*", "actiontrail:Check*" ],
                      "Resource": "*", "Effect": "Allow" }
                  ]
                }""");
        add("AliyunActionTrailFullAccess", "Provides full access to ActionTrail.", "v2",
                "2016-01-25", "2020-08-05", """
                {
                  "Version": "1",
                  "Statement": [
                    { "Action": "actiontrail:*", "Resource": "*", "Effect": "Allow" },
                    { "Action": "ram:PassRole", "Resource": "*", "Effect": "Allow",
                      "Condition": { "StringEquals": { "acs:Service": "actiontrail.aliyuncs.com" } } },
                    { "Action": "ram:CreateServiceLinkedRole", "Resource": "*", "Effect": "Allow",
                      "Condition": { "StringEquals": { "ram:ServiceName": "actiontrail.aliyuncs.com" } } }
                  ]
                }""");
        add("AliyunActionTrailReadOnlyAccess", "Provides read-only access to ActionTrail.", "v4",
                "2016-01-25", "2022-06-27", """
                {
                  "Version": "1",
                  "Statement": [
                    { "Action": [ "actiontrail:Lookup*", "actiontrail:Describe*", "actiontrail:Get*",
                                  "actiontrail:Check*", "actiontrail:List*" ],
                      "Resource": "*", "Effect": "Allow" }
                  ]
                }""");
        add("AliyunRAMFullAccess", "Provides full access to Resource Access Management (RAM).", "v1",
                "2015-04-28", "2015-04-28", """
                {
                  "Version": "1",
                  "Statement": [
                    { "Action": "ram:*", "Resource": "*", "Effect": "Allow" }
                  ]
                }""");
        add("AliyunRAMReadOnlyAccess", "Provides read-only access to Resource Access Management (RAM).", "v1",
                "2015-04-28", "2015-04-28", """
                {
                  "Version": "1",
                  "Statement": [
                    { "Action": [ "ram:Get*", "ram:List*" ], "Resource": "*", "Effect": "Allow" }
                  ]
                }""");
        add("AliyunSTSAssumeRoleAccess",
                "Provides access to call the AssumeRole operation of Security Token Service (STS).", "v1",
                "2015-04-28", "2015-04-28", """
                {
                  "Version": "1",
                  "Statement": [
                    { "Action": "sts:AssumeRole", "Resource": "*", "Effect": "Allow" }
                  ]
                }""");
    }

    private static final List<SystemPolicy> ALL = List.copyOf(BY_NAME.values());

    private SystemPolicies() {
    }

    private static void add(String name, String description, String version, String created, String updated,
                            String text) {
        PolicyDocument doc = PolicyDocument.identityPolicy(JsonTree.parse(text));
        BY_NAME.put(name, new SystemPolicy(name, description, text, version, day(created), day(updated), doc));
    }

    private static Instant day(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }

    /** The system policy named exactly {@code name}, or empty. */
    public static Optional<SystemPolicy> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** Every system policy, in a fixed order (AdministratorAccess first). */
    public static List<SystemPolicy> all() {
        return ALL;
    }
}
