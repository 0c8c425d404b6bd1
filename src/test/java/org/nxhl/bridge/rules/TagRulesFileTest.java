package org.nxhl.bridge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TagRulesFileTest {

    @Test
    void theShippedRulesFileHoldsTheJobWonAndDoNotContactRules() {
        List<TagRule> rules = TagRulesFile.read(Path.of("rules/tag-rules.yaml"));
        assertThat(rules).extracting(TagRule::name).containsExactly("job-won", "do-not-contact");
        assertThat(rules.get(0).customField()).isEqualTo("contact.job_status");
        assertThat(rules.get(0).add()).containsExactly("customer");
        assertThat(rules.get(0).remove()).containsExactly("prospect");
        assertThat(rules.get(1).field()).isEqualTo("dnd");
        assertThat(rules.get(1).becomes()).isEqualTo("true");
    }

    @Test
    void aMistakeIsRefusedWithItsLineAndReason() {
        refused("rules:\n  - name: a\n    when: {field: dnd, becomes: true}\n    ad: x\n",
                "line 4: unknown key 'ad'");
        refused("rules:\n  - name: a\n    when:\n      field: dnd\n    add: x\n",
                "line 4: 'becomes' is missing");
        refused("rules:\n  - name: a\n    when:\n      field: dnd\n      customField: b\n      becomes: c\n"
                + "    add: x\n", "line 4: 'when' needs exactly one of 'field' and 'customField'");
        refused("rules:\n  - name: a\n    when: {field: dnd, becomes: true}\n",
                "line 2: rule 'a' neither adds");
        refused("rules:\n  - name: a\n    when: {field: dnd, becomes: true}\n    add: x\n"
                + "  - name: a\n    when: {field: city, becomes: Paris}\n    add: y\n",
                        "line 5: a rule named 'a'");
        refused("rules:\n  - name: a\n    when: {field: dnd, becomes: true\n    add: x\n", "line 4:");
    }

    @Test
    void aRuleFiresWhenItsFieldTakesTheValueAndOnlyIfTheTagsReallyChange() {
        TagRules rules = new TagRules(TagRulesFile.parse("rules:\n  - name: won\n    when:\n"
                + "      customField: Job status\n      becomes: Won\n    add: customer\n"
                + "    remove: prospect\n", "t"));
        ContactState open = new ContactState(List.of("prospect"), Map.of("customField:f1", "Open"));
        ContactState won = new ContactState(List.of("prospect"), Map.of("customField:f1", "won"));
        assertThat(rules.evaluate(open, won, ref -> "f1")).containsExactly(
                new TagRules.Firing("won", List.of("customer"), List.of("prospect")));
        assertThat(rules.evaluate(won, won, ref -> "f1")).isEmpty();
        ContactState alreadyTagged = new ContactState(List.of("customer"), Map.of("customField:f1", "Won"));
        assertThat(rules.evaluate(open, alreadyTagged, ref -> "f1")).isEmpty();
        assertThat(rules.evaluate(open, won, ref -> null)).isEmpty();
    }

    private static void refused(String yaml, String message) {
        assertThatThrownBy(() -> TagRulesFile.parse(yaml, "tag-rules.yaml"))
                .isInstanceOf(TagRulesFile.InvalidRulesException.class)
                .hasMessageContaining("tag-rules.yaml " + message);
    }
}
