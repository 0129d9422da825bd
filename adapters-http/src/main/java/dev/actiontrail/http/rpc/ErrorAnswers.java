package dev.actiontrail.http.rpc;

import dev.actiontrail.core.error.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error answer of every product (API reference notes §1.7; access-control reference §2.2): {@code RequestId},
 * {@code HostId} (the product's host), {@code Code}, {@code Message}, {@code Recommend} (the troubleshooting link
 * with the product's code) and, for a denied call, the {@code AccessDeniedDetail} object.
 */
public final class ErrorAnswers {
    private ErrorAnswers() {
    }

    /**
     * @param product the product code of the troubleshooting link, e.g. {@code Actiontrail}, {@code Ram}
     * @param hostId  the host that answered, e.g. {@code ram.aliyuncs.com}
     */
    public static ApiResponse of(String product, String hostId, String action, String requestId, ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("HostId", hostId);
        body.put("Code", e.code());
        body.put("Message", e.getMessage());
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code() + "&product=" + product
                + "&requestId=" + requestId);
        if (e.accessDeniedDetail() != null) {
            body.put("AccessDeniedDetail", e.accessDeniedDetail());
        }
        return new ApiResponse(e.httpStatus(), action, body);
    }
}
