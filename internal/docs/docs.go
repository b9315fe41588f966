// Package docs extracts an analyzer's documentation from its package's
// doc.go, so that `concvet help NAME`, the Analyzer.Doc field and godoc show
// one text.
package docs

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// Repository is where the documentation pages live.
const Repository = "https://github.com/concvet/concvet"

// URL returns the address of docs/NAME.md.
func URL(name string) string { return Repository + "/blob/main/docs/" + name + ".md" }

// FromSource returns the section of the package doc comment in content (the
// text of a doc.go file) headed "# Analyzer NAME", in the form Analyzer.Doc
// expects: the summary line after "NAME: ", then the full description. It
// panics on a malformed doc.go: that is a programming error caught by every
// test of the analyzer.
func FromSource(content string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic(fmt.Sprintf("doc.go: no package doc comment (%v)", err))
	}
	text := f.Doc.Text()
	const heading = "\n# Analyzer "
	i := strings.Index(text, heading)
	if i < 0 {
		panic("doc.go: no '# Analyzer NAME' heading")
	}
	rest := text[i+len(heading):]
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 {
		panic("doc.go: empty analyzer section")
	}
	name := rest[:nl]
	section := strings.TrimSpace(rest[nl:])
	if j := strings.Index(section, "\n# "); j >= 0 {
		section = strings.TrimSpace(section[:j])
	}
	prefix := name + ": "
	if !strings.HasPrefix(section, prefix) {
		panic(fmt.Sprintf("doc.go: section must start with %q", prefix))
	}
	return strings.TrimPrefix(section, prefix)
}
