package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.incident4j.common.Text;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.oncall.Participant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The examples of core/docs/text.md are what the library says today. */
@DisplayName("core/docs/text.md quotes the real messages")
class TextReferenceTest {

    private static String doc() throws IOException {
        return Files.readString(Path.of("docs/text.md"), StandardCharsets.UTF_8);
    }

    /** The document with line breaks and the // of comments folded, so a wrapped message still matches. */
    private static String folded() throws IOException {
        return doc().replaceAll("\\s*\\n\\s*(//\\s*)?", " ");
    }

    private static String message(Runnable r) {
        return catchThrowable(r::run).getMessage();
    }

    @Test
    @DisplayName("the builder examples: a NUL in a name, an alert from outside accepted and stored escaped")
    void builders() throws IOException {
        assertThat(folded()).contains("ValidationException: " + message(() -> Participant.named("Bo\0b")));
        assertThat(Alert.withKey("fp-\uD800").service("payments").summary("error: \0 in reply").build().dedupKey())
                .isEqualTo("fp-\uD800");
        assertThat(doc()).contains("Text.storable(\"fp-\\uD800\");").contains("// \"fp-\\\\uD800\"")
                .contains("// \"fp-\\\\uDBFF\"");
        assertThat(Text.storable("fp-\uD800")).isEqualTo("fp-\\uD800").isNotEqualTo(Text.storable("fp-\uDBFF"));
        assertThat(doc()).contains("Text.storable(\"error: \\0 in reply\");").contains("// \"error: \\\\u0000 in reply\"");
        assertThat(Text.storable("error: \0 in reply")).isEqualTo("error: \\u0000 in reply");
    }

    @Test
    @DisplayName("the rotation example and its message")
    void rotation() throws IOException {
        Matcher m = Pattern.compile("```yaml\\n(schedule:.*?)```\\s*```\\n(.*?)```", Pattern.DOTALL).matcher(doc());
        assertThat(m.find()).isTrue();
        String said = message(() -> OnCallYaml.parse(m.group(1)));
        assertThat(said).isEqualTo(m.group(2).strip().replaceAll("\\s*\\n\\s*", " "));
    }

    @Test
    @DisplayName("the matrix example and its message")
    void matrix() throws IOException {
        String row = "│ Security     │ Isolate         │ Sec\tOps       │ CISO │";
        assertThat(doc()).contains(row.replace('\t', '→'));
        String matrix = EscalationMatrixTextTest.seed().replace("│ Security     │ Isolate         │ SecOps       │ CISO │", row);
        assertThat(matrix).contains(row);
        assertThat(folded()).contains(message(() -> EscalationMatrixText.parse(matrix)));
    }
}
