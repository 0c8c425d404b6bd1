package org.nxhl.bridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.nxhl.bridge.intake.HighLevelWebhookIntake;

/** docs/catalog.md and the files it describes must say the same: Kamelets, parameters, triggers. */
class CatalogTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyKameletIsListedWithExactlyItsParameters() throws IOException {
        Map<String, Map<String, String>> documented = documentedActions();
        Map<String, Map<String, String>> files = kamelets();

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(files.keySet());
        files.forEach((name, parameters) -> assertThat(documented.get(name)).as(name).isEqualTo(parameters));
    }

    @Test
    void theCatalogHoldsTheActionsTheProductBriefAsksFor() throws IOException {
        List<String> brief = List.of("get-contact", "list-tasks", "get-task", "create-task", "update-task",
                "complete-task", "delete-task", "list-notes", "get-note", "get-appointments", "list-contacts",
                "search-contacts", "list-business-contacts", "create-contact", "update-contact",
                "delete-contact", "add-tags", "remove-tags", "upsert-contact", "create-note", "update-note",
                "delete-note");
        assertThat(kamelets().keySet()).containsAll(brief.stream().map(a -> "highlevel-" + a + "-action")
                .toList()).contains("networx-callback-action");
    }

    @Test
    void everyEventTypeIntakeAcceptsIsATriggerWhoseFlowExists() throws IOException {
        Map<String, String> triggers = documentedTriggers();
        Set<String> routeIds = routeIds();

        assertThat(triggers.keySet()).containsExactlyInAnyOrderElementsOf(Stream.of(Stream.of("networx.lead"),
                EventShape.TYPES.stream(), HighLevelWebhookIntake.TYPES.stream()).flatMap(t -> t).toList());
        triggers.forEach((trigger, flow) -> assertThat(routeIds).as(trigger).contains(flow));
    }

    /** Kamelet name → parameter name → "type|required|default|description". */
    private static Map<String, Map<String, String>> kamelets() throws IOException {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("kamelets"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".kamelet.yaml")).sorted().toList()) {
                JsonNode kamelet = YAML.readTree(file.toFile());
                String name = kamelet.at("/metadata/name").asText();
                assertThat(file.getFileName().toString()).isEqualTo(name + ".kamelet.yaml");
                JsonNode definition = kamelet.at("/spec/definition");
                Set<String> required = new LinkedHashSet<>();
                definition.path("required").forEach(r -> required.add(r.asText()));
                Map<String, String> parameters = new LinkedHashMap<>();
                definition.path("properties").fields().forEachRemaining(p -> {
                    JsonNode spec = p.getValue();
                    assertThat(spec.path("title").asText()).as(name + " " + p.getKey() + " title")
                            .isNotBlank();
                    parameters.put(p.getKey(), String.join("|", spec.path("type").asText(),
                            required.contains(p.getKey()) ? "yes" : "no",
                            spec.has("default") ? spec.get("default").asText() : "",
                            String.join(" ", spec.path("description").asText().trim().split("\\s+"))));
                });
                all.put(name, parameters);
            }
        }
        return all;
    }

    /** The same shape, read from the tables under each "### name" of the Actions section. */
    private static Map<String, Map<String, String>> documentedActions() throws IOException {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        Map<String, String> current = null;
        boolean actions = false;
        for (String line : Files.readAllLines(Path.of("docs/catalog.md"))) {
            if (line.startsWith("## ")) {
                actions = line.equals("## Actions");
            } else if (actions && line.startsWith("### ")) {
                current = new LinkedHashMap<>();
                all.put(line.substring(4).trim(), current);
            } else if (actions && current != null && line.startsWith("| `")) {
                List<String> cells = cells(line);
                current.put(unquote(cells.get(0)), String.join("|", cells.get(1), cells.get(2),
                        unquote(cells.get(3)), cells.get(4)));
            }
        }
        return all;
    }

    /** Trigger → flow route id, from the Triggers table. */
    private static Map<String, String> documentedTriggers() throws IOException {
        Map<String, String> triggers = new LinkedHashMap<>();
        boolean inTriggers = false;
        for (String line : Files.readAllLines(Path.of("docs/catalog.md"))) {
            if (line.startsWith("## ")) {
                inTriggers = line.equals("## Triggers");
            } else if (inTriggers && line.startsWith("| `")) {
                List<String> cells = cells(line);
                triggers.put(unquote(cells.get(0)), unquote(cells.get(2)));
            }
        }
        return triggers;
    }

    private static Set<String> routeIds() throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                YAML.readTree(file.toFile()).forEach(node -> {
                    if (node.has("route")) {
                        ids.add(node.at("/route/id").asText());
                    }
                });
            }
        }
        return ids;
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1, row.lastIndexOf('|')).split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static String unquote(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
