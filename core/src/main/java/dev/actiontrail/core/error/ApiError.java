package dev.actiontrail.core.error;

/**
 * The one catalogue of ActionTrail API error codes: code, HTTP status and message, verbatim.
 *
 * <p>Sources: seed 001 (CreateTrail 2020-07-06 error table), seed 003 (API reference 2017-12-04 error tables),
 * and the gateway / global error table of the API reference notes §1.8. Where the seed and the global table
 * spell a message differently, the seed wins (it is the per-API table the SDK users see).
 */
public enum ApiError implements ErrorCode {
    // --- gateway level (§1.8) ---
    MISSING_PARAMETER("MissingParameter", 400,
            "The input parameter \"%s\" that is mandatory for processing this request is not supplied."),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400, "The request signature does not conform to Alibaba Cloud standards."),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 400,
            "Specified signature is not matched with our calculation. server string to sign is:%s"),
    INVALID_ACCESS_KEY_ID_NOT_FOUND("InvalidAccessKeyId.NotFound", 404, "Specified access key is not found."),
    INVALID_ACCESS_KEY_ID_INACTIVE("InvalidAccessKeyId.Inactive", 400, "Specified access key is disabled."),
    INVALID_TIMESTAMP_EXPIRED("InvalidTimeStamp.Expired", 400, "Specified time stamp or date value is expired."),
    INVALID_TIMESTAMP_FORMAT("InvalidTimeStamp.Format", 400, "Specified time stamp or date value is not well formatted."),
    SIGNATURE_NONCE_USED("SignatureNonceUsed", 400, "Specified signature nonce was used already."),
    /** The SecurityToken of an STS AccessKey has expired (status and message not published [U]). */
    INVALID_SECURITY_TOKEN_EXPIRED("InvalidSecurityToken.Expired", 400, "Specified SecurityToken is expired."),
    /** The SecurityToken cannot be read or was not issued by this service [U]. */
    INVALID_SECURITY_TOKEN_MALFORMED("InvalidSecurityToken.Malformed", 400, "Specified SecurityToken is malformed."),
    /** The SecurityToken was issued with another AccessKeyId [U]. */
    INVALID_SECURITY_TOKEN_MISMATCH("InvalidSecurityToken.MismatchWithAccessKey", 400,
            "Specified SecurityToken mismatch with the AccessKey."),
    /** An STS AccessKeyId signed a call without its SecurityToken [U]. */
    MISSING_SECURITY_TOKEN("MissingSecurityToken", 400, "SecurityToken is mandatory for this action."),
    INVALID_VERSION("InvalidVersion", 400, "Specified parameter Version is not valid."),
    INVALID_ACTION("InvalidAction", 404, "The specified Action is invalid."),
    THROTTLING_USER("Throttling.User", 400, "Request was denied due to user flow control."),
    NO_PERMISSION("NoPermission", 403, "You are not authorized to perform this operation. Please apply for access in RAM first."),
    /** Not in the published tables: the classic POP gateway's answer to an unknown RegionId [U]. */
    INVALID_REGION_ID("InvalidRegionId", 400, "The specified region does not exist."),
    INTERNAL_ERROR("InternalError", 500,
            "An error occurred while processing your request. Please try again. If the problem still exists, submit a ticket."),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "The service is unavailable. Please try again later."),

    // --- trails (seed 001, seed 003, §1.8 global table) ---
    INVALID_DELIVERY_CONFIGURATION("InvalidDeliveryConfigurationException", 400,
            "You must specify at least one Log Service project or OSS bucket for a Trail."),
    INVALID_PREFIX("InvalidPrefixException", 400, "The specified OSS bucket prefix is invalid."),
    INVALID_QUERY_PARAMETER("InvalidQueryParameter", 400, "The specified query parameter is invalid."),
    INVALID_TRAIL_NAME("InvalidTrailNameException", 400, "The specified Trail name is invalid."),
    INVALID_BUCKET_NAME("InvalidBucketNameException", 400, "The specified OSS bucket name is invalid."),
    REPEAT_OSS_BUCKET("RepeatOssBucket", 400,
            "The specified OSS bucket is already in use. We recommend that you modify the existing Trail or specify another bucket."),
    SLS_PROJECT_DOES_NOT_EXIST("SlsProjectDoesNotExistException", 400, "The specified Log Service project does not exist."),
    TRAIL_ALREADY_EXISTS("TrailAlreadyExistsException", 400, "The specified Trail name already exists."),
    MAXIMUM_NUMBER_OF_ORGANIZATION_TRAIL_EXCEEDED("MaximumNumberOfOrganizationTrailExceeded", 400,
            "Your account can create only one organization trail."),
    NOT_ALLOW_CREATE_ORGANIZATION_TRAIL("NotAllowCreateOrganizationTrail", 400,
            "Your account does not allow you to create organization trail. Submit a ticket to get customer support."),
    INSUFFICIENT_BUCKET_POLICY("InsufficientBucketPolicyException", 403, "Access to the specified OSS bucket was denied."),
    INSUFFICIENT_SLS_POLICY("InsufficientSlsPolicyException", 403, "Access to the specified Log Service project was denied."),
    MAXIMUM_NUMBER_OF_TRAILS_EXCEEDED("MaximumNumberOfTrailsExceededException", 403,
            "The number of Trails in the same region exceeds the upper limit (5)."),
    BUCKET_DOES_NOT_EXIST("BucketDoesNotExistException", 404, "The specified OSS bucket does not exist."),
    TRAIL_NOT_FOUND("TrailNotFoundException", 404, "The specified Trail does not exist."),
    TRAIL_NOT_VALID("TrailNotValid", 400, "The special Trail is not valid."),
    CREATE_LOG_STORE_ERROR("CreateLogStoreError", 400, "Failed to create or update the logstore."),
    SLS_LOG_STORE_DOES_NOT_EXIST("SlsLogStoreDoesNotExistException", 404, "LogStoreDoesNotExist."),
    MAXIMUM_NUMBER_OF_DELIVERY_HISTORY_JOBS_EXCEEDED("MaximumNumberOfDeliveryHistoryJobsExceededException", 400,
            "There can only be one running deliveryHistoryJob"),
    DELIVERY_HISTORY_JOB_NOT_FOUND("DeliveryHistoryJobNotFound", 404, "The special DeliveryHistoryJob is not found"),
    NOT_SUPPORT_DELIVERY_HISTORY_JOB("NotSupportDeliveryHistoryJob", 400,
            "Your account does not allow you to use deliveryHistoryJob feature. Submit a ticket to get customer support."),
    FORBIDDEN_DELETE_TRAIL("ForbiddenDeleteTrail", 400,
            "This Trail has a running deliveryHistoryJob. Please remove the deliveryHistoryJob before deleting it."),

    // --- LookupEvents (§4.1, §1.8, seed 003) ---
    INVALID_LOOKUP_ATTRIBUTES("InvalidLookupAttributesException", 400,
            "LookupAttribute Key is not valid. Only support specific values or combinations."),
    INVALID_NEXT_TOKEN("InvalidNextToken", 400, "NextToken is not valid."),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400, "The end time must be later than the start time."),
    INVALID_PARAMETER_DATE_OUT_OF_RANGE("InvalidParameterDateOutOfRange", 400, "Query time range exceeds 30 days."),
    INVALID_PARAMETER_END_TIME("InvalidParameterEndTime", 400, "The specified EndTime is invalid."),
    INVALID_PARAMETER_START_TIME("InvalidParameterStartTime", 400, "The specified StartTime is invalid."),
    INVALID_PARAMETER_START_TIME_EXCEEDS_CURRENT("InvalidParameterStartTimeExceedsCurrent", 400,
            "The StartTime exceeds the current time. Use GMT time format for queries."),
    INVALID_PARAMETER_START_TIME_OUT_OF_DATE("InvalidParameterStartTimeOutOfDate", 400,
            "The StartTime exceeds the limit of 90 days."),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400, "The specified parameter is invalid."),
    INVALID_TIME_RANGE("InvalidTimeRangeException", 400,
            "The end time must be later than the start time. The time span cannot exceed 30 days."),
    LOOKUP_EVENTS_PARAMETER_ERROR("LookupEventsParameterError", 400, "LookupEvents params error."),

    // --- regions (§2.8) ---
    INVALID_ACCEPT_LANGUAGE("InvalidAcceptLanguage", 400, "Only Chinese (zh-CN), English (en-US) are allowed.");

    private final String code;
    private final int httpStatus;
    private final String message;

    ApiError(String code, int httpStatus, String message) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.message = message;
    }

    /** The API error code, e.g. {@code TrailNotFoundException}. */
    @Override
    public String code() {
        return code;
    }

    /** The HTTP status the API answers with (400, 403, 404, 500 or 503). */
    @Override
    public int httpStatus() {
        return httpStatus;
    }

    /** The documented message; may hold one {@code %s} placeholder (see {@link #exception(Object...)}). */
    @Override
    public String message() {
        return message;
    }

}
