package dev.actiontrail.core.identity;

import dev.actiontrail.core.error.ErrorCode;

/**
 * The error catalogue of STS 2015-04-01 (access-control reference §4.1, META-STS), verbatim.
 */
public enum StsError implements ErrorCode {
    INVALID_DURATION_SECONDS("InvalidParameter.DurationSeconds", 400, "The Min/Max value of DurationSeconds is 15min/1hr."),
    INVALID_ROLE_ARN("InvalidParameter.RoleArn", 400, "The parameter RoleArn is wrongly formed."),
    INVALID_ROLE_SESSION_NAME("InvalidParameter.RoleSessionName", 400, "The parameter RoleSessionName is wrongly formed."),
    INVALID_EXTERNAL_ID("InvalidParameter.ExternalId", 400, "The parameter ExternalId is wrongly formed."),
    INVALID_POLICY_GRAMMAR("InvalidParameter.PolicyGrammar", 400, "The parameter Policy has not passed grammar check."),
    INVALID_POLICY_SIZE("InvalidParameter.PolicySize", 400, "The size of Policy must be smaller than 2048 bytes."),
    NO_PERMISSION("NoPermission", 403, "You are not authorized to do this action. You should be authorized by RAM."),
    ROLE_NOT_EXIST("EntityNotExist.Role", 404, "The specified Role not exists ."),
    INTERNAL_ERROR("InternalError", 500, "STS Server Internal Error happened, please send the RequestId to us.");

    private final String code;
    private final int httpStatus;
    private final String message;

    StsError(String code, int httpStatus, String message) {
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
}
