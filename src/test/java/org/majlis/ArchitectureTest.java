package org.majlis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packages stand in layers, bottom to top; a package uses packages of its own layer or below,
 * never above, and no packages use each other in a circle.
 */
class ArchitectureTest {

    static final List<List<String>> LAYERS = List.of(
            List.of("config", "logging", "names", "store"), // foundations
            List.of("protocol"),                     // the wire vocabulary: events, error and close codes, the codec
            List.of("limits", "metrics", "http"),    // abuse limits, metrics, HTTP guards
            List.of("connections"),                  // sessions, outboxes, batchers, frames, who is online
            List.of("rooms"),                        // rooms and their members
            List.of("cluster"),                      // fan-out, the user directory, the shared limit
            List.of("auth"),                         // accounts, sessions, tokens
            List.of("files", "presence"),            // uploads; presence changes
            List.of("messages", "profiles"),         // the message store and what delivers messages; profiles
            List.of("moderation"),                   // who moderates what, the audit log, reports, administration
            List.of("commands"),                     // one handler per client event
            List.of("integrations"),                 // webhooks, bot accounts, outgoing events
            List.of("endpoint"));                    // the WebSocket endpoint and the graceful stop

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.majlis");

    @Test
    void noPackageCycles() {
        slices().matching("org.majlis.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noPackageUsesOneOfAHigherLayer() {
        for (int layer = 0; layer < LAYERS.size() - 1; layer++) {
            String[] above = LAYERS.subList(layer + 1, LAYERS.size()).stream().flatMap(List::stream)
                    .map(name -> "org.majlis." + name + "..").toArray(String[]::new);
            String[] here = LAYERS.get(layer).stream().map(name -> "org.majlis." + name + "..").toArray(String[]::new);
            noClasses().that().resideInAnyPackage(here).should().dependOnClassesThat().resideInAnyPackage(above)
                    .check(CLASSES);
        }
    }

    @Test
    void everyPackageHasItsLayer() {
        Set<String> packages = CLASSES.stream().map(JavaClass::getPackageName)
                .map(name -> name.substring("org.majlis.".length()).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(LAYERS.stream().flatMap(List::stream).toList()), packages);
    }
}
