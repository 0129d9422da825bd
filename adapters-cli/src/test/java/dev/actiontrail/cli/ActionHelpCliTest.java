package dev.actiontrail.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --help} of an API action lists each parameter with its type, whether it is required and the API
 * reference's description (ActionTrail, {@code ram} and {@code sts} actions alike).
 */
class ActionHelpCliTest {
    /** The help {@code args} print, its line wrapping undone (runs of white space become one space). */
    private static String help(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, String.join(" ", args) + "\n" + out + err);
        return out.toString().replaceAll("\\s+", " ");
    }

    @Test
    void createTrailHelpShowsTypeRequiredAndDescription() {
        String help = help("CreateTrail", "--help");
        assertTrue(help.contains("--Name=<value>"), help);
        assertTrue(help.contains("String, required. The name of the trail to be created."), help);
        assertTrue(help.contains("String, optional. The OSS bucket to which the trail delivers logs."), help);
        assertTrue(help.contains("Boolean, optional. Specifies whether to create a multi-account trail."), help);
        // a parameter only 2017-12-04 has keeps its marker, after its type
        assertTrue(help.contains("--RoleName=<value> String, optional. (2017-12-04)"), help);
    }

    @Test
    void lookupEventsHelpDocumentsOptionsAndRepeatLists() {
        String help = help("LookupEvents", "--help");
        assertTrue(help.contains("String, optional. The maximum number of results to return."), help);
        assertFalse(help.contains("MaxResults=<value> String, required"), help);
        assertTrue(help.contains("Repeat lists: --LookupAttribute.N.Key, --LookupAttribute.N.Value"), help);
        assertTrue(help.contains("--LookupAttribute.N.Key String, optional. The key of the lookup condition."), help);
        assertTrue(help.contains("--Event=<value> String, optional. (2017-12-04)"), help);
    }

    @Test
    void deliveryJobHelpShowsNumericTypes() {
        String help = help("GetDeliveryHistoryJob", "--help");
        assertTrue(help.contains("Long, required. The ID of the historical event delivery task."), help);
        assertTrue(help("ListDeliveryHistoryJobs", "--help").contains("Integer, optional."), help);
    }

    @Test
    void ramAndStsHelpShowTheirOwnReference() {
        String createUser = help("ram", "CreateUser", "--help");
        assertTrue(createUser.contains("--UserName=<value> String, required. The name of the RAM user."), createUser);
        assertTrue(createUser.contains("--DisplayName=<value> String, optional. The display name of the RAM user."),
                createUser);
        String assumeRole = help("sts", "AssumeRole", "--help");
        assertTrue(assumeRole.contains("--RoleArn=<value> String, required."), assumeRole);
        assertTrue(assumeRole.contains("--DurationSeconds=<value> Long, optional. The validity period of the STS token."),
                assumeRole);
    }
}
