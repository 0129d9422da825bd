package dev.actiontrail.core.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for RAM 2015-05-01 request parameters (access-control reference §3, META-RAM parameter descriptions),
 * each in one place. Every check takes the parameter's wire name, so its error names the parameter; a parameter
 * sent empty counts as not sent. Lengths count characters (code points).
 *
 * <ul>
 *   <li>UserName / NewUserName, GroupName / NewGroupName: 1–64 of {@code [A-Za-z0-9._-]};</li>
 *   <li>RoleName: 1–64 of {@code [A-Za-z0-9.-]}; PolicyName: 1–128 of {@code [A-Za-z0-9-]};</li>
 *   <li>DisplayName: 1–128, no control characters; Comments: 1–128; Description: 1–1,024;</li>
 *   <li>MobilePhone: {@code <country code>-<number>} (1–4 and 5–15 digits); Email: {@code local@domain.tld},
 *       at most 128 characters;</li>
 *   <li>PolicyDocument and AssumeRolePolicyDocument: 1–6,144 (the trust policy's own limit is not published [U]);</li>
 *   <li>VersionId: {@code v} and a positive number; PolicyType: {@code System} or {@code Custom}.</li>
 * </ul>
 * Errors: {@code Missing<Name>}, {@code InvalidParameter.<Name>.Length} / {@code .InvalidChars} / {@code .Format},
 * {@code InvalidParameter.<Name>} (see {@link RamError}); all 400.
 */
public final class RamInput {
    private static final Pattern USER_OR_GROUP_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern MOBILE_PHONE = Pattern.compile("[0-9]{1,4}-[0-9]{5,15}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** The longest policy document, in characters (CreatePolicy, CreatePolicyVersion; META-RAM). */
    public static final int MAX_POLICY_DOCUMENT = 6_144;

    private RamInput() {
    }

    /** The value, or {@code Missing<parameter>} when it was not sent (or sent empty). */
    public static String required(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            throw RamError.missing(parameter);
        }
        return value;
    }

    /** The value, or null when it was not sent (or sent empty). */
    public static String optional(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** A required user name (UserName, NewUserName). */
    public static String userName(String parameter, String value) {
        return name(parameter, value, 64, USER_OR_GROUP_NAME);
    }

    /** A required group name (GroupName, NewGroupName). */
    public static String groupName(String parameter, String value) {
        return name(parameter, value, 64, USER_OR_GROUP_NAME);
    }

    /** A required role name (RoleName). */
    public static String roleName(String parameter, String value) {
        return name(parameter, value, 64, ROLE_NAME);
    }

    /** A required policy name (PolicyName). */
    public static String policyName(String parameter, String value) {
        return name(parameter, value, 128, POLICY_NAME);
    }

    /** An optional display name (DisplayName, NewDisplayName), or null. */
    public static String displayName(String parameter, String value) {
        String v = text(parameter, value, 128);
        if (v != null && v.codePoints().anyMatch(Character::isISOControl)) {
            throw RamError.invalidChars(parameter);
        }
        return v;
    }

    /** An optional free text of at most {@code max} characters (Comments, Description …), or null. */
    public static String text(String parameter, String value, int max) {
        String v = optional(value);
        if (v != null && v.codePointCount(0, v.length()) > max) {
            throw RamError.invalidLength(parameter);
        }
        return v;
    }

    /** An optional mobile phone number ({@code 86-18600008888}), or null. */
    public static String mobilePhone(String parameter, String value) {
        return formatted(parameter, value, MOBILE_PHONE);
    }

    /** An optional email address, or null. */
    public static String email(String parameter, String value) {
        String v = formatted(parameter, value, EMAIL);
        if (v != null && v.length() > 128) {
            throw RamError.invalidFormat(parameter);
        }
        return v;
    }

    /** A required policy document's text, 1–{@value #MAX_POLICY_DOCUMENT} characters (not yet parsed). */
    public static String policyDocument(String parameter, String value) {
        String v = required(parameter, value);
        if (v.codePointCount(0, v.length()) > MAX_POLICY_DOCUMENT) {
            throw RamError.invalidLength(parameter);
        }
        return v;
    }

    /** A required VersionId ({@code v3}); {@code InvalidParameter.VersionId.Format} otherwise. */
    public static String versionId(String value) {
        String v = required("VersionId", value);
        if (PolicyVersion.number(v) < 0) {
            throw RamError.invalidFormat("VersionId");
        }
        return v;
    }

    /** A required PolicyType: {@code System} or {@code Custom} exactly; {@code InvalidParameter.PolicyType} otherwise. */
    public static PolicyType policyType(String value) {
        return optionalPolicyType(required("PolicyType", value));
    }

    /** An optional PolicyType (ListPolicies), or null when not sent. */
    public static PolicyType optionalPolicyType(String value) {
        String v = optional(value);
        if (v == null) {
            return null;
        }
        for (PolicyType t : PolicyType.values()) {
            if (t.name().equals(v)) {
                return t;
            }
        }
        throw RamError.invalidValue("PolicyType");
    }

    /** An optional boolean ({@code true} / {@code false}, any case); {@code dflt} when not sent. */
    public static boolean bool(String parameter, String value, boolean dflt) {
        String v = optional(value);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RamError.invalidValue(parameter);
        };
    }

    /** An optional whole number in {@code [min, max]}; {@code dflt} when not sent. */
    public static int integer(String parameter, String value, int min, int max, int dflt) {
        String v = optional(value);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw RamError.invalidValue(parameter);
            }
            return n;
        } catch (NumberFormatException e) {
            throw RamError.invalidValue(parameter);
        }
    }

    /** One of an enum's constants by exact name; {@code InvalidParameter.<parameter>} otherwise. */
    public static <E extends Enum<E>> E choice(String parameter, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw RamError.invalidValue(parameter);
    }

    private static String name(String parameter, String value, int max, Pattern chars) {
        String v = required(parameter, value);
        if (v.codePointCount(0, v.length()) > max) {
            throw RamError.invalidLength(parameter);
        }
        if (!chars.matcher(v).matches()) {
            throw RamError.invalidChars(parameter);
        }
        return v;
    }

    private static String formatted(String parameter, String value, Pattern format) {
        String v = optional(value);
        if (v != null && !format.matcher(v).matches()) {
            throw RamError.invalidFormat(parameter);
        }
        return v;
    }
}
