package dev.actiontrail.core.identity;

import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.error.ErrorCode;

import java.util.Objects;

/**
 * The error catalogue of RAM 2015-05-01 (access-control reference §3.1; DOCS-RAM
 * {@code intl.en-US/API Reference/Error messages.md}), codes, HTTP statuses and messages verbatim, plus the
 * parameter errors whose code names the parameter ({@link #invalidChars}, {@link #invalidLength},
 * {@link #invalidFormat}, {@link #invalidValue}, {@link #missing}).
 *
 * <p>Deviations and additions, each marked in its entry: {@code EntityAlreadyExists.Policy} says
 * {@code The policy does already EXIST.} (the document's {@code The group does already EXIST.} is a copy-paste
 * slip); the role codes come from the RAM role API pages (DOCS-RAM, Chinese edition: {@code The role does not
 * exist.}, {@code The role does already EXIST.}); codes seen in client code but without a published message
 * ({@code EntityAlreadyExists.Role.Policy}, {@code EntityNotExist.Role.Policy}, {@code DeleteConflict.Policy.Role})
 * carry the message of their documented User / Group sibling, reworded for the role [I].
 */
public enum RamError implements ErrorCode {
    /** The documented answer to a bad policy document; the message is the parser's precise finding. */
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400, "%s"),

    NO_PERMISSION("NoPermission", 403, "You are not authorized to do this action."),
    INACTIVE("Inactive", 403, "Your ram service is inactive, please activate it."),

    ENTITY_NOT_EXIST_USER("EntityNotExist.User", 404, "The user does not exist."),
    ENTITY_NOT_EXIST_USER_ACCESS_KEY("EntityNotExist.User.AccessKey", 404, "The user access key does not exist."),
    ENTITY_NOT_EXIST_USER_LOGIN_PROFILE("EntityNotExist.User.LoginProfile", 404,
            "The user login profile does not exist."),
    ENTITY_NOT_EXIST_USER_MFA_DEVICE("EntityNotExist.User.MFADevice", 404, "The user has not bound any MFA device."),
    ENTITY_NOT_EXIST_USER_POLICY("EntityNotExist.User.Policy", 404, "The indicate policy of the user does not exist."),
    ENTITY_NOT_EXIST_USER_GROUP("EntityNotExist.User.Group", 404, "The user has not joined the group."),
    ENTITY_NOT_EXIST_VIRTUAL_MFA_DEVICE("EntityNotExist.VirtualMFADevice", 404,
            "The virtual mfa device does not exist."),
    ENTITY_NOT_EXIST_GROUP("EntityNotExist.Group", 404, "The group does not exist."),
    ENTITY_NOT_EXIST_GROUP_POLICY("EntityNotExist.Group.Policy", 404,
            "The indicate policy attached to the group does not exist."),
    ENTITY_NOT_EXIST_POLICY("EntityNotExist.Policy", 404, "The policy does not exist."),
    ENTITY_NOT_EXIST_POLICY_VERSION("EntityNotExist.Policy.Version", 404, "The policy version does not exist."),
    /** DOCS-RAM GetRole / DeleteRole / UpdateRole (STS words it {@code The specified Role not exists .}). */
    ENTITY_NOT_EXIST_ROLE("EntityNotExist.Role", 404, "The role does not exist."),
    /** Code seen in clients; message after {@code EntityNotExist.User.Policy} [I]. */
    ENTITY_NOT_EXIST_ROLE_POLICY("EntityNotExist.Role.Policy", 404, "The indicate policy of the role does not exist."),

    ENTITY_ALREADY_EXISTS_USER("EntityAlreadyExists.User", 409, "The user does already EXIST."),
    ENTITY_ALREADY_EXISTS_USER_LOGIN_PROFILE("EntityAlreadyExists.User.LoginProfile", 409,
            "The user login profile does already EXIST."),
    ENTITY_ALREADY_EXISTS_USER_MFA_DEVICE("EntityAlreadyExists.User.MFADevice", 409,
            "The user has already bound a MFA device."),
    ENTITY_ALREADY_EXISTS_USER_GROUP("EntityAlreadyExists.User.Group", 409, "The user has already joined the group."),
    ENTITY_ALREADY_EXISTS_USER_POLICY("EntityAlreadyExists.User.Policy", 409,
            "The user has already been attached this policy."),
    ENTITY_ALREADY_EXISTS_VIRTUAL_MFA_DEVICE("EntityAlreadyExists.VirtualMFADevice", 409,
            "The virtual mfa device does already EXIST."),
    ENTITY_ALREADY_EXISTS_VIRTUAL_MFA_DEVICE_USER("EntityAlreadyExists.VirtualMFADevice.User", 409,
            "The virtual mfa device does already been bound to a user."),
    ENTITY_ALREADY_EXISTS_GROUP("EntityAlreadyExists.Group", 409, "The group does already EXIST."),
    ENTITY_ALREADY_EXISTS_GROUP_POLICY("EntityAlreadyExists.Group.Policy", 409,
            "The group has already been attached this policy."),
    /** The document's message is a copy-paste slip ({@code The group does already EXIST.}); corrected [I]. */
    ENTITY_ALREADY_EXISTS_POLICY("EntityAlreadyExists.Policy", 409, "The policy does already EXIST."),
    ENTITY_ALREADY_EXISTS_ACCOUNT_ALIAS("EntityAlreadyExists.AccountAlias", 409,
            "The account alias does already exist."),
    /** DOCS-RAM CreateRole. */
    ENTITY_ALREADY_EXISTS_ROLE("EntityAlreadyExists.Role", 409, "The role does already EXIST."),
    /** Code seen in clients; message after {@code EntityAlreadyExists.User.Policy} [I]. */
    ENTITY_ALREADY_EXISTS_ROLE_POLICY("EntityAlreadyExists.Role.Policy", 409,
            "The role has already been attached this policy."),

    DELETE_CONFLICT_USER_GROUP("DeleteConflict.User.Group", 409,
            "The user CAN NOT be in any group while deleting the user."),
    DELETE_CONFLICT_USER_ACCESS_KEY("DeleteConflict.User.AccessKey", 409,
            "The user CAN NOT has any access key while deleting the user."),
    DELETE_CONFLICT_USER_LOGIN_PROFILE("DeleteConflict.User.LoginProfile", 409,
            "The user CAN NOT has any login profile while deleting the user."),
    DELETE_CONFLICT_USER_MFA_DEVICE("DeleteConflict.User.MFADevice", 409,
            "The user CAN NOT has any mfa device while deleting the user."),
    DELETE_CONFLICT_USER_POLICY("DeleteConflict.User.Policy", 409,
            "The user CAN NOT has any attached policy while deleting the user."),
    DELETE_CONFLICT_VIRTUAL_MFA_DEVICE_USER("DeleteConflict.VirtualMFADevice.User", 409,
            "The virtual mfa device CAN NOT been bound to any user while deleting it."),
    DELETE_CONFLICT_GROUP_USER("DeleteConflict.Group.User", 409,
            "The group CAN NOT has any user member while deleting the group."),
    DELETE_CONFLICT_GROUP_POLICY("DeleteConflict.Group.Policy", 409,
            "The entity CAN NOT has any attached policy while deleting the group."),
    DELETE_CONFLICT_POLICY_USER("DeleteConflict.Policy.User", 409,
            "The policy CAN NOT been attached to any user while deleting the policy."),
    DELETE_CONFLICT_POLICY_GROUP("DeleteConflict.Policy.Group", 409,
            "The policy CAN NOT been attached to any group while deleting the policy."),
    /** Not in the published table; message after {@code DeleteConflict.Policy.User} [I]. */
    DELETE_CONFLICT_POLICY_ROLE("DeleteConflict.Policy.Role", 409,
            "The policy CAN NOT been attached to any role while deleting the policy."),
    DELETE_CONFLICT_POLICY_VERSION("DeleteConflict.Policy.Version", 409,
            "The policy CAN NOT has any version except the default version."),
    DELETE_CONFLICT_POLICY_VERSION_DEFAULT("DeleteConflict.Policy.Version.Default", 409,
            "The default policy version CAN NOT been deleted directly."),
    DELETE_CONFLICT_ROLE_POLICY("DeleteConflict.Role.Policy", 409,
            "The role CAN NOT has any attached policy while deleting the role."),

    LIMIT_EXCEEDED_USER("LimitExceeded.User", 409, "The count of users beyond the current limits."),
    LIMIT_EXCEEDED_USER_ACCESS_KEY("LimitExceeded.User.AccessKey", 409,
            "The access key count of the user access keys beyond the current limits."),
    LIMIT_EXCEEDED_USER_GROUP("LimitExceeded.User.Group", 409,
            "The count of groups the target user joined beyond the current limits."),
    LIMIT_EXCEEDED_USER_POLICY("LimitExceeded.User.Policy", 409,
            "The policy count of the user attached policies beyond the current limits."),
    LIMIT_EXCEEDED_VIRTUAL_MFA_DEVICE("LimitExceeded.VirtualMFADevice", 409,
            "The count of virtual mfa devices beyond the current limits."),
    LIMIT_EXCEEDED_GROUP("LimitExceeded.Group", 409, "The count of groups beyond the current limits."),
    LIMIT_EXCEEDED_GROUP_POLICY("LimitExceeded.Group.Policy", 409,
            "The policy count of the group beyond the current limits."),
    LIMIT_EXCEEDED_POLICY("LimitExceeded.Policy", 409, "The count of policy beyond the current limits."),
    LIMIT_EXCEEDED_POLICY_VERSION("LimitExceeded.Policy.Version", 409,
            "The count of policy version beyond the current limits."),
    LIMIT_EXCEEDED_ROLE("LimitExceeded.Role", 409, "The count of roles beyond the current limits."),
    LIMIT_EXCEEDED_ROLE_POLICY("LimitExceeded.Role.Policy", 409,
            "The count of policies attached to the role beyond the current limits."),

    INTERNAL_ERROR("InternalError", 500, "An internal error occurred.");

    private final String code;
    private final int httpStatus;
    private final String message;

    RamError(String code, int httpStatus, String message) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.message = message;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String message() {
        return message;
    }

    /**
     * A RAM error whose code names a request parameter, e.g. {@code InvalidParameter.UserName.Length}. Made only by
     * the factories below, so every such code and message has one spelling.
     */
    public record ParameterError(String code, int httpStatus, String message) implements ErrorCode {
        public ParameterError {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** 400 {@code InvalidParameter.<name>.InvalidChars}: {@code The parameter - "<name>" contains invalid chars.} */
    public static ApiException invalidChars(String parameter) {
        return parameterError("InvalidParameter." + parameter + ".InvalidChars",
                "The parameter - \"" + parameter + "\" contains invalid chars.");
    }

    /** 400 {@code InvalidParameter.<name>.Length}: {@code The parameter - "<name>" beyond the length limit.} */
    public static ApiException invalidLength(String parameter) {
        return parameterError("InvalidParameter." + parameter + ".Length",
                "The parameter - \"" + parameter + "\" beyond the length limit.");
    }

    /**
     * 400 {@code InvalidParameter.<name>.Format}: {@code The format of the parameter - "<name>" is incorrect.}
     * (documented for MobilePhone, Email, VersionId and their {@code New} forms).
     */
    public static ApiException invalidFormat(String parameter) {
        return parameterError("InvalidParameter." + parameter + ".Format",
                "The format of the parameter - \"" + parameter + "\" is incorrect.");
    }

    /**
     * 400 {@code InvalidParameter.<name>}: {@code The parameter - "<name>" is incorrect.} — documented for
     * {@code PolicyType}; used in the same words for the other enumerated or numeric parameters whose errors RAM
     * does not publish (Status, RotateStrategy, MaxSessionDuration, MaxItems, Marker, booleans) [I].
     */
    public static ApiException invalidValue(String parameter) {
        return parameterError("InvalidParameter." + parameter, "The parameter - \"" + parameter + "\" is incorrect.");
    }

    /**
     * 400 {@code Missing<name>}: {@code <name> is mandatory for this action.} — the answer of Alibaba Cloud's RPC
     * gateway to a required parameter not sent (seen in real answers, e.g. {@code MissingSecurityToken},
     * {@code MissingHostnameId}) [C].
     */
    public static ApiException missing(String parameter) {
        return parameterError("Missing" + parameter, parameter + " is mandatory for this action.");
    }

    private static ApiException parameterError(String code, String message) {
        return new ApiException(new ParameterError(code, 400, message), message);
    }
}
