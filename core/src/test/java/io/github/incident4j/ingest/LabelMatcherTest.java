package io.github.incident4j.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Label matchers with Alertmanager's operators and semantics. */
class LabelMatcherTest {

    private static final Map<String, String> PAYMENTS = Map.of("team", "payments", "severity", "page");

    @Test
    @DisplayName("= and != compare the whole value; =~ and !~ match the whole value (anchored)")
    void operators() {
        assertThat(LabelMatcher.parse("team=payments").matches(PAYMENTS)).isTrue();
        assertThat(LabelMatcher.parse("team=pay").matches(PAYMENTS)).isFalse();
        assertThat(LabelMatcher.parse("team!=payments").matches(PAYMENTS)).isFalse();
        assertThat(LabelMatcher.parse("severity=~\"critical|page\"").matches(PAYMENTS)).isTrue();
        assertThat(LabelMatcher.parse("severity=~pag").matches(PAYMENTS)).isFalse(); // anchored: no partial match
        assertThat(LabelMatcher.parse("severity!~\"info|warning\"").matches(PAYMENTS)).isTrue();
        assertThat(LabelMatcher.parse("team=~pay.*").matches(PAYMENTS)).isTrue();
    }

    @Test
    @DisplayName("a missing label counts as the empty string, as in Alertmanager")
    void missingLabel() {
        assertThat(LabelMatcher.parse("env!=prod").matches(PAYMENTS)).isTrue();
        assertThat(LabelMatcher.parse("env=\"\"").matches(PAYMENTS)).isTrue();
        assertThat(LabelMatcher.parse("env=~\".*\"").matches(PAYMENTS)).isTrue();
        assertThat(LabelMatcher.parse("env=~\".+\"").matches(PAYMENTS)).isFalse();
    }

    @Test
    @DisplayName("spaces around the operator, quoted values with escapes, and regex escapes are read")
    void forms() {
        LabelMatcher m = LabelMatcher.parse("  team  =  \"pay\\\"ments\"  ");
        assertThat(m.label()).isEqualTo("team");
        assertThat(m.op()).isEqualTo(LabelMatcher.Op.EQUAL);
        assertThat(m.value()).isEqualTo("pay\"ments");
        assertThat(LabelMatcher.parse("code=~\"5\\d\\d\"").matches(Map.of("code", "503"))).isTrue();
        assertThat(LabelMatcher.parse("code=~\"5\\d\\d\"").toString()).isEqualTo("code=~\"5\\\\d\\\\d\"");
    }

    @Test
    @DisplayName("a bad label name, operator or regular expression is refused naming the matcher")
    void refused() {
        assertThatThrownBy(() -> LabelMatcher.parse("1team=x")).hasMessageContaining("expected <label><op><value>");
        assertThatThrownBy(() -> LabelMatcher.parse("team~x")).hasMessageContaining("expected <label><op><value>");
        assertThatThrownBy(() -> LabelMatcher.parse("team=~\"(unclosed\"")).hasMessageContaining("is not a regular expression");
        assertThatThrownBy(() -> LabelMatcher.parse("team=\"open")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> LabelMatcher.of("team", LabelMatcher.Op.EQUAL, "a\u0000b")).hasMessageContaining("NUL");
    }
}
