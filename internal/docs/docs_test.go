package docs_test

import (
	"strings"
	"testing"

	"github.com/concvet/concvet/internal/docs"
)

func TestFromSource(t *testing.T) {
	const src = `// Package demo defines an Analyzer.
//
// # Analyzer demo
//
// demo: report a thing
//
// The long description.
package demo
`
	got := docs.FromSource(src)
	if !strings.HasPrefix(got, "report a thing") || !strings.Contains(got, "The long description.") {
		t.Errorf("FromSource = %q", got)
	}
	if docs.URL("demo") != docs.Repository+"/blob/main/docs/demo.md" {
		t.Errorf("URL = %s", docs.URL("demo"))
	}
}

func TestFromSourcePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a doc.go without the heading did not panic")
		}
	}()
	docs.FromSource("// Package demo.\npackage demo\n")
}
