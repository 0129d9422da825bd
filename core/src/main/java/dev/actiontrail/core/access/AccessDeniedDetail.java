package dev.actiontrail.core.access;

import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.Principal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@code AccessDeniedDetail} object of a {@code NoPermission} answer (access-control reference §2.2) and
 * its {@code EncodedDiagnosticMessage}.
 *
 * <p>The diagnostic message is the Base64 (standard alphabet, padded) of a UTF-8 text record, one
 * {@code Name=value} per line ({@code \} and line breaks in values escaped as {@code \\}, {@code \n}, {@code \r}):
 * {@code Format=1}, {@code AuthAction}, {@code AuthResource}, {@code AuthPrincipalType},
 * {@code AuthPrincipalOwnerId}, {@code AuthPrincipalDisplayName}, {@code NoPermissionType},
 * {@code NoPermissionPolicyType}, and when a statement decided: {@code MatchedPolicyName},
 * {@code MatchedPolicyType}, {@code MatchedAttachedEntityType}, {@code MatchedStatement}, {@code MatchedEffect}.
 * It holds no secret (no key, token or policy text). {@link #decodeDiagnosticMessage} reads it back.
 */
public final class AccessDeniedDetail {
    private AccessDeniedDetail() {
    }

    /**
     * The AccessDeniedDetail of a denied call, keys in this order: {@code PolicyType}, {@code AuthPrincipalOwnerId},
     * {@code EncodedDiagnosticMessage}, {@code AuthPrincipalType}, {@code AuthPrincipalDisplayName},
     * {@code NoPermissionType}, {@code AuthAction}; all values are strings. AuthPrincipalType is {@code SubUser}
     * (display name: the user ID) or {@code AssumedRoleUser} (display name: {@code RoleName:RoleSessionName});
     * AuthPrincipalOwnerId is the caller's account ID.
     *
     * @param caller   the denied caller (not the root identity, which is never denied)
     * @param decision the deny decision
     * @param action   the AuthAction, e.g. {@code actiontrail:StopLogging}
     * @return an unmodifiable, ordered map
     * @throws IllegalArgumentException if the decision allowed the call or the caller is the root identity
     */
    public static Map<String, Object> of(Caller caller, Decision decision, String action) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(action, "action");
        if (decision.allowed()) {
            throw new IllegalArgumentException("an allowed call has no AccessDeniedDetail");
        }
        String principalType;
        String displayName;
        if (caller.principal() instanceof Principal.User u) {
            principalType = "SubUser";
            displayName = u.userId();
        } else if (caller.principal() instanceof Principal.RoleSession r) {
            principalType = "AssumedRoleUser";
            displayName = r.displayName();
        } else {
            throw new IllegalArgumentException("the root identity is never denied");
        }
        Map<String, String> record = new LinkedHashMap<>();
        record.put("Format", "1");
        record.put("AuthAction", action);
        record.put("AuthResource", decision.resource());
        record.put("AuthPrincipalType", principalType);
        record.put("AuthPrincipalOwnerId", caller.accountId().value());
        record.put("AuthPrincipalDisplayName", displayName);
        record.put("NoPermissionType", decision.outcome().noPermissionType());
        record.put("NoPermissionPolicyType", decision.policyType().name());
        decision.matched().ifPresent(m -> {
            record.put("MatchedPolicyName", m.policyName());
            record.put("MatchedPolicyType", m.policyType());
            record.put("MatchedAttachedEntityType", m.attachedEntityType());
            record.put("MatchedStatement", Integer.toString(m.statement()));
            record.put("MatchedEffect", m.effect().name());
        });

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("PolicyType", decision.policyType().name());
        out.put("AuthPrincipalOwnerId", caller.accountId().value());
        out.put("EncodedDiagnosticMessage", encode(record));
        out.put("AuthPrincipalType", principalType);
        out.put("AuthPrincipalDisplayName", displayName);
        out.put("NoPermissionType", decision.outcome().noPermissionType());
        out.put("AuthAction", action);
        return Collections.unmodifiableMap(out);
    }

    /**
     * The record inside an {@code EncodedDiagnosticMessage} made by {@link #of}, in order.
     *
     * @throws IllegalArgumentException if the text is not Base64 of such a record
     */
    public static Map<String, String> decodeDiagnosticMessage(String encoded) {
        String text;
        try {
            text = new String(Base64.getDecoder().decode(Objects.requireNonNull(encoded, "encoded")),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an EncodedDiagnosticMessage: not Base64");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not an EncodedDiagnosticMessage: bad line");
            }
            out.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
        }
        if (!"1".equals(out.get("Format"))) {
            throw new IllegalArgumentException("not an EncodedDiagnosticMessage: unknown format");
        }
        return Collections.unmodifiableMap(out);
    }

    private static String encode(Map<String, String> record) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : record.entrySet()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(e.getKey()).append('=').append(escape(e.getValue()));
        }
        return Base64.getEncoder().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
