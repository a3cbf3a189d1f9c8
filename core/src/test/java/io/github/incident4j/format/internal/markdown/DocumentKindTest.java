package io.github.incident4j.format.internal.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What kind of document a text looks like")
class DocumentKindTest {

    @Test
    @DisplayName("the seed postmortem looks like a postmortem, the seed runbook like a runbook, the Litmus seed like YAML")
    void seeds() {
        String pm = MarkdownDocumentTest.resource("/seed/postmortem-template.md");
        DocumentKind k = DocumentKind.of(pm, MarkdownDocument.parse(pm));
        assertThat(k.kind()).isEqualTo(DocumentKind.Kind.POSTMORTEM);
        assertThat(k.describe()).startsWith("a postmortem (sections Postmortem: [Title], Timeline (UTC), Root Cause");

        String rb = MarkdownDocumentTest.resource("/seed/runbook-template.md");
        assertThat(DocumentKind.of(rb, MarkdownDocument.parse(rb)).describe()).isEqualTo("a runbook (sections Diagnosis, Mitigation, Recovery Verification)");

        String yaml = MarkdownDocumentTest.resource("/seed/chaos-pod-delete.yaml");
        assertThat(DocumentKind.of(yaml, MarkdownDocument.parse(yaml)).describe()).isEqualTo("YAML (kind: ChaosEngine)");
        String rotation = MarkdownDocumentTest.resource("/seed/oncall-rotation.yaml");
        assertThat(DocumentKind.of(rotation, null).kind()).isEqualTo(DocumentKind.Kind.YAML);
    }

    @Test
    @DisplayName("front matter alone does not make Markdown YAML, nor does a paragraph starting with a word and a colon")
    void notYaml() {
        String md = "---\ntitle: x\n---\n\n# KubeX\n\nNote: this is prose.\n\n## Diagnosis\n";
        assertThat(DocumentKind.of(md, MarkdownDocument.parse(md)).kind()).isEqualTo(DocumentKind.Kind.RUNBOOK);
    }

    @Test
    @DisplayName("headings are matched by meaning: case, numbering, emphasis, a trailing colon or parenthesis do not count")
    void normalize() {
        assertThat(DocumentKind.normalize("2. **Diagnosis**:")).isEqualTo("diagnosis");
        assertThat(DocumentKind.normalize("Timeline (UTC)")).isEqualTo("timeline");
        assertThat(DocumentKind.normalize("🔥 Mitigation  steps")).isEqualTo("mitigation steps");
        assertThat(DocumentKind.normalize("iv. Recovery")).isEqualTo("recovery");
    }
}
