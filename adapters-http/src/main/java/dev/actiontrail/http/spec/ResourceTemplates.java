package dev.actiontrail.http.spec;

/**
 * Expands resource ARN templates such as {@code acs:actiontrail:{region}:{account}:trail/{Name}}: {@code {region}}
 * is the call's region, {@code {account}} the caller's account ID, any other {@code {Param}} the value of that
 * request parameter ({@code *} when the parameter is absent or empty, so the ARN still names the resource type).
 */
public final class ResourceTemplates {
    private ResourceTemplates() {
    }

    public static String expand(String template, Invocation call) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            out.append(template, i, open);
            String name = template.substring(open + 1, close);
            String value = switch (name) {
                case "region" -> call.region();
                case "account" -> call.account().id().value();
                default -> call.param(name);
            };
            out.append(value == null || value.isEmpty() ? "*" : value);
            i = close + 1;
        }
        return out.toString();
    }
}
