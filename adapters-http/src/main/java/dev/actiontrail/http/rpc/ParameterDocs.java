package dev.actiontrail.http.rpc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API reference's documentation of each parameter of each action: its type, whether it is required and a short
 * description, as the CLI's {@code --help} shows them.
 *
 * <p>The data, {@code parameter-docs.json} next to this class, comes from Alibaba Cloud's published OpenAPI metadata
 * (the API reference's machine-readable form) for ActionTrail 2020-07-06 and 2017-12-04, RAM 2015-05-01 and STS
 * 2015-04-01; descriptions are cut to their first sentence or two, without markup. The 2017-12-04 metadata gives
 * types and required flags only: a 2017-12-04 parameter has the 2020-07-06 description of the same action's
 * parameter of that name, and none if 2020-07-06 has no such parameter. It is keyed
 * {@code <product>/<version>/<Action>} (products {@code actiontrail}, {@code ram}, {@code sts}), then by parameter
 * name as the catalogues spell it, repeat lists included ({@code LookupAttribute.N.Key}).
 */
public final class ParameterDocs {
    /** Where the data is, relative to this class. */
    static final String RESOURCE = "parameter-docs.json";

    private static final Map<String, Map<String, Doc>> DOCS = load();

    private ParameterDocs() {
    }

    /**
     * One parameter as the API reference documents it.
     *
     * @param type        the API type: {@code String}, {@code Integer}, {@code Long}, {@code Boolean}, ...
     * @param required    whether the API reference marks the parameter required
     * @param description a sentence or two of plain text; empty if the metadata has none
     */
    public record Doc(String type, boolean required, String description) {
        /** A Doc; a missing description is empty. */
        public Doc {
            description = description == null ? "" : description;
        }
    }

    /**
     * The documentation of {@code parameter} of {@code action} in {@code version} of {@code product}
     * ({@code actiontrail}, {@code ram} or {@code sts}), or empty if it has none.
     */
    public static Optional<Doc> of(String product, String version, String action, String parameter) {
        Map<String, Doc> params = DOCS.get(product + "/" + version + "/" + action);
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(parameter));
    }

    private static Map<String, Map<String, Doc>> load() {
        try (InputStream in = ParameterDocs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " next to " + ParameterDocs.class);
            }
            LinkedHashMap<String, LinkedHashMap<String, Doc>> read = new ObjectMapper().readValue(in,
                    new TypeReference<LinkedHashMap<String, LinkedHashMap<String, Doc>>>() { });
            Map<String, Map<String, Doc>> docs = new LinkedHashMap<>();
            read.forEach((action, params) -> docs.put(action, Collections.unmodifiableMap(params)));
            return Collections.unmodifiableMap(docs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
