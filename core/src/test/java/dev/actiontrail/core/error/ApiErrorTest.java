package dev.actiontrail.core.error;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiErrorTest {

    @Test
    void codesAreUnique() {
        List<String> codes = Arrays.stream(ApiError.values()).map(ApiError::code).toList();
        Set<String> duplicates = codes.stream()
                .filter(c -> codes.indexOf(c) != codes.lastIndexOf(c)).collect(Collectors.toSet());
        assertEquals(Set.of(), duplicates);
        assertEquals(ApiError.values().length, new HashSet<>(codes).size());
    }

    @Test
    void statusesAreTheDocumentedOnesAndMessagesAreSet() {
        for (ApiError e : ApiError.values()) {
            assertTrue(Set.of(400, 403, 404, 500, 503).contains(e.httpStatus()), e.name());
            assertTrue(!e.message().isBlank() && !e.code().isBlank(), e.name());
        }
    }

    /** Seed 001: the CreateTrail (2020-07-06) error table, verbatim. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "400 | InvalidDeliveryConfigurationException | You must specify at least one Log Service project or OSS bucket for a Trail.",
            "400 | InvalidPrefixException | The specified OSS bucket prefix is invalid.",
            "400 | InvalidQueryParameter | The specified query parameter is invalid.",
            "400 | InvalidTrailNameException | The specified Trail name is invalid.",
            "400 | RepeatOssBucket | The specified OSS bucket is already in use. We recommend that you modify the existing Trail or specify another bucket.",
            "400 | SlsProjectDoesNotExistException | The specified Log Service project does not exist.",
            "400 | TrailAlreadyExistsException | The specified Trail name already exists.",
            "400 | MaximumNumberOfOrganizationTrailExceeded | Your account can create only one organization trail.",
            "400 | NotAllowCreateOrganizationTrail | Your account does not allow you to create organization trail. Submit a ticket to get customer support.",
            "403 | InsufficientBucketPolicyException | Access to the specified OSS bucket was denied.",
            "403 | InsufficientSlsPolicyException | Access to the specified Log Service project was denied.",
            "403 | MaximumNumberOfTrailsExceededException | The number of Trails in the same region exceeds the upper limit (5).",
            "404 | BucketDoesNotExistException | The specified OSS bucket does not exist.",
    })
    void theCreateTrailErrorTableOfSeed001(int status, String code, String message) {
        ApiError e = byCode(code);
        assertEquals(status, e.httpStatus());
        assertEquals(message, e.message());
    }

    /** §1.8: gateway and global codes. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "400 | InvalidVersion | Specified parameter Version is not valid.",
            "404 | InvalidAction | The specified Action is invalid.",
            "403 | NoPermission | You are not authorized to perform this operation. Please apply for access in RAM first.",
            "500 | InternalError | An error occurred while processing your request. Please try again. If the problem still exists, submit a ticket.",
            "503 | ServiceUnavailable | The service is unavailable. Please try again later.",
            "400 | SignatureNonceUsed | Specified signature nonce was used already.",
            "404 | InvalidAccessKeyId.NotFound | Specified access key is not found.",
            "404 | TrailNotFoundException | The specified Trail does not exist.",
            "400 | InvalidBucketNameException | The specified OSS bucket name is invalid.",
            "400 | CreateLogStoreError | Failed to create or update the logstore.",
            "404 | SlsLogStoreDoesNotExistException | LogStoreDoesNotExist.",
            "400 | InvalidAcceptLanguage | Only Chinese (zh-CN), English (en-US) are allowed.",
            "400 | InvalidLookupAttributesException | LookupAttribute Key is not valid. Only support specific values or combinations.",
            "400 | InvalidNextToken | NextToken is not valid.",
            "400 | InvalidParameterCombination | The end time must be later than the start time.",
            "400 | InvalidParameterDateOutOfRange | Query time range exceeds 30 days.",
            "400 | InvalidParameterEndTime | The specified EndTime is invalid.",
            "400 | InvalidParameterStartTime | The specified StartTime is invalid.",
            "400 | InvalidParameterStartTimeExceedsCurrent | The StartTime exceeds the current time. Use GMT time format for queries.",
            "400 | InvalidParameterStartTimeOutOfDate | The StartTime exceeds the limit of 90 days.",
            "400 | InvalidParameterValue | The specified parameter is invalid.",
            "400 | InvalidTimeRangeException | The end time must be later than the start time. The time span cannot exceed 30 days.",
            "400 | LookupEventsParameterError | LookupEvents params error.",
            "400 | ForbiddenDeleteTrail | This Trail has a running deliveryHistoryJob. Please remove the deliveryHistoryJob before deleting it.",
    })
    void globalCodesOfSection18(int status, String code, String message) {
        ApiError e = byCode(code);
        assertEquals(status, e.httpStatus());
        assertEquals(message, e.message());
    }

    @Test
    void anExceptionCarriesTheErrorAndFillsThePlaceholder() {
        ApiException e = ApiError.MISSING_PARAMETER.exception("RoleName");
        assertEquals(ApiError.MISSING_PARAMETER, e.error());
        assertEquals("MissingParameter", e.code());
        assertEquals(400, e.httpStatus());
        assertEquals("The input parameter \"RoleName\" that is mandatory for processing this request is not supplied.",
                e.getMessage());

        ApiException plain = ApiError.TRAIL_NOT_FOUND.exception();
        assertEquals("The specified Trail does not exist.", plain.getMessage());
        assertEquals(404, plain.httpStatus());
        assertNull(plain.getCause());
        assertEquals(0, plain.getStackTrace().length, "no stack trace: it is an answer, not a crash");
    }

    @Test
    void anExceptionNeedsAnError() {
        assertThrows(NullPointerException.class, () -> new ApiException(null, "x"));
    }

    private static ApiError byCode(String code) {
        return Arrays.stream(ApiError.values()).filter(e -> e.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no ApiError with code " + code));
    }
}
