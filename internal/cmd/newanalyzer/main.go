// Command newanalyzer adds an analyzer to the suite, ready for its rule:
//
//	go run ./internal/cmd/newanalyzer -category goroutines NAME
//
// run from the repository's root, writes
//
//	analyzers/NAME/doc.go                      the Doc (concvet help NAME)
//	analyzers/NAME/NAME.go                     the Analyzer, with an empty rule
//	analyzers/NAME/NAME_test.go                the analysistest test
//	analyzers/NAME/testdata/src/NAME/NAME.go   the fixture
//	docs/NAME.md                               the page, with its generated section
//
// adds the analyzer to analyzers/suite.go (off by default, not measured
// yet), and regenerates the documentation (go generate ./analyzers). What
// is left to write is the rule in NAME.go and the fixture; then the Doc, the
// suite entry's Reports line and the page (CONTRIBUTING.md).
//
// Nothing is written if NAME is taken or not a lower-case identifier, or if
// the category is unknown; if a later step fails, every file is put back as
// it was.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/concvet/concvet/analyzers"
)

const modulePath = "github.com/concvet/concvet"

func main() {
	category := flag.String("category", "", "the analyzer's category: "+strings.Join(categories(), ", "))
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: go run ./internal/cmd/newanalyzer -category CATEGORY NAME\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := scaffold(".", flag.Arg(0), analyzers.Category(*category)); err != nil {
		fmt.Fprintf(os.Stderr, "newanalyzer: %v\n", err)
		os.Exit(1)
	}
}

// categories returns the suite's categories, in suite order.
func categories() []string {
	var cats []string
	seen := make(map[analyzers.Category]bool)
	for _, e := range analyzers.Suite {
		if !seen[e.Category] {
			seen[e.Category] = true
			cats = append(cats, string(e.Category))
		}
	}
	return cats
}

var validName = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

// scaffold adds the analyzer name to the repository at root.
func scaffold(root, name string, category analyzers.Category) error {
	if !validName.MatchString(name) || token.IsKeyword(name) {
		return fmt.Errorf("%q is not a valid analyzer name: lower-case letters and digits, starting with a letter, not a Go keyword", name)
	}
	if _, ok := analyzers.Lookup(name); ok {
		return fmt.Errorf("the suite already has an analyzer named %s", name)
	}
	if !contains(categories(), string(category)) {
		return fmt.Errorf("unknown category %q; -category is one of %s", category, strings.Join(categories(), ", "))
	}
	if mod, err := os.ReadFile(filepath.Join(root, "go.mod")); err != nil || !bytes.Contains(mod, []byte("module "+modulePath+"\n")) {
		return fmt.Errorf("run it from the root of the concvet repository (no go.mod of %s here)", modulePath)
	}

	suitePath := filepath.Join(root, "analyzers", "suite.go")
	oldSuite, err := os.ReadFile(suitePath)
	if err != nil {
		return err
	}
	newSuite, err := addToSuite(oldSuite, name, category)
	if err != nil {
		return fmt.Errorf("analyzers/suite.go: %v", err)
	}

	files := map[string]string{
		filepath.Join("analyzers", name, "doc.go"):                            docTemplate,
		filepath.Join("analyzers", name, name+".go"):                          analyzerTemplate,
		filepath.Join("analyzers", name, name+"_test.go"):                     testTemplate,
		filepath.Join("analyzers", name, "testdata", "src", name, name+".go"): fixtureTemplate,
		filepath.Join("docs", name+".md"):                                     pageTemplate,
	}
	var created []string
	for rel := range files {
		if _, err := os.Stat(filepath.Join(root, rel)); err == nil {
			return fmt.Errorf("%s already exists", rel)
		}
	}
	for _, dir := range []string{filepath.Join("analyzers", name)} {
		if _, err := os.Stat(filepath.Join(root, dir)); err == nil {
			return fmt.Errorf("%s already exists", dir)
		}
	}

	// From here on, any failure puts everything back.
	generated := []string{"README.md", "docs/precision.md"}
	for _, e := range analyzers.Suite {
		generated = append(generated, "docs/"+e.Analyzer.Name+".md")
	}
	saved := make(map[string][]byte)
	for _, rel := range generated {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			return err
		}
		saved[rel] = b
	}
	saved[filepath.Join("analyzers", "suite.go")] = oldSuite
	undo := func(cause error) error {
		for rel, b := range saved {
			os.WriteFile(filepath.Join(root, rel), b, 0o666)
		}
		os.RemoveAll(filepath.Join(root, "analyzers", name))
		for _, rel := range created {
			os.Remove(filepath.Join(root, rel))
		}
		return fmt.Errorf("%v (nothing was changed)", cause)
	}

	names := make([]string, 0, len(files))
	for rel := range files {
		names = append(names, rel)
	}
	sort.Strings(names)
	for _, rel := range names {
		path := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			return undo(err)
		}
		content := strings.ReplaceAll(files[rel], "NAME", name)
		if strings.HasSuffix(rel, ".go") && !strings.Contains(rel, "testdata") {
			b, err := format.Source([]byte(content))
			if err != nil {
				return undo(fmt.Errorf("%s: %v", rel, err))
			}
			content = string(b)
		}
		if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
			return undo(err)
		}
		created = append(created, rel)
	}
	if err := os.WriteFile(suitePath, newSuite, 0o666); err != nil {
		return undo(err)
	}

	// The generator must see the new entry, so it runs in a fresh build.
	gen := exec.Command("go", "generate", "./analyzers")
	gen.Dir = root
	if out, err := gen.CombinedOutput(); err != nil {
		return undo(fmt.Errorf("go generate ./analyzers: %v\n%s", err, out))
	}

	fmt.Printf(`added %[1]s to the suite (%[2]s, off by default, not measured yet):
  analyzers/%[1]s/doc.go, %[1]s.go, %[1]s_test.go, testdata/src/%[1]s/%[1]s.go
  docs/%[1]s.md, the entry in analyzers/suite.go, and the regenerated README table and pages
next: write the rule in analyzers/%[1]s/%[1]s.go and its fixture, then
  go test ./analyzers/%[1]s ./analyzers
and fill in the Doc (doc.go), the entry's Reports and the page; see CONTRIBUTING.md
`, name, category)
	return nil
}

// addToSuite returns suite.go with name imported and its entry added to
// Suite, after the last entry of its category.
func addToSuite(src []byte, name string, category analyzers.Category) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "suite.go", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	catConst, err := categoryConst(f, category)
	if err != nil {
		return nil, err
	}
	suite := suiteLiteral(f)
	if suite == nil {
		return nil, errors.New("no var Suite = []Entry{...}")
	}
	insertAt := suite.Rbrace
	for _, elt := range suite.Elts {
		if entryCategory(elt) == catConst {
			insertAt = elt.End()
		}
	}
	entry := fmt.Sprintf(`{
		Analyzer: %s.Analyzer,
		Category: %s,
		Default:  false, // until measured at 95%% or better on real code
		Severity: bug,   // or cleanup; mark single diagnostics with severity.MarkCleanup
		Since:    %s,
		Reports:  "TODO: what %s reports, in one line of Markdown: the shapes, what stays silent, the fix",
	}`, name, catConst, strconv.Quote(analyzers.NextRelease), name)
	off := fset.Position(insertAt).Offset
	var out bytes.Buffer
	if insertAt == suite.Rbrace {
		out.Write(src[:off])
		out.WriteString(entry + ",\n")
		out.Write(src[off:])
	} else {
		// After the element's closing brace and its comma.
		comma := bytes.IndexByte(src[off:], ',')
		if comma < 0 {
			return nil, errors.New("no comma after the last entry of the category")
		}
		off += comma + 1
		out.Write(src[:off])
		out.WriteString("\n" + entry + ",")
		out.Write(src[off:])
	}

	// The import, in the block that imports the other analyzers.
	withEntry := out.Bytes()
	imp := strconv.Quote(modulePath + "/analyzers/" + name)
	anchor := []byte("\t" + strconv.Quote(modulePath+"/internal/suppress") + "\n")
	i := bytes.Index(withEntry, anchor)
	if i < 0 {
		// Next to any analyzer import.
		m := regexp.MustCompile(`(?m)^\t"` + regexp.QuoteMeta(modulePath) + `/analyzers/\w+"\n`).FindIndex(withEntry)
		if m == nil {
			return nil, errors.New("no import of an analyzer to add the new one next to")
		}
		i = m[0]
	}
	withImport := append(append(append([]byte{}, withEntry[:i]...), []byte("\t"+imp+"\n")...), withEntry[i:]...)
	formatted, err := format.Source(withImport)
	if err != nil {
		return nil, fmt.Errorf("the edited file does not parse: %v", err)
	}
	return formatted, nil
}

// categoryConst returns the name of the constant of type Category whose
// value is category.
func categoryConst(f *ast.File, category analyzers.Category) (string, error) {
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			typ, ok := vs.Type.(*ast.Ident)
			if !ok || typ.Name != "Category" {
				continue
			}
			for i, v := range vs.Values {
				if lit, ok := v.(*ast.BasicLit); ok && lit.Value == strconv.Quote(string(category)) {
					return vs.Names[i].Name, nil
				}
			}
		}
	}
	return "", fmt.Errorf("no Category constant for %q", category)
}

// suiteLiteral returns the composite literal assigned to Suite.
func suiteLiteral(f *ast.File) *ast.CompositeLit {
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.VAR {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name == "Suite" && i < len(vs.Values) {
					if lit, ok := vs.Values[i].(*ast.CompositeLit); ok {
						return lit
					}
				}
			}
		}
	}
	return nil
}

// entryCategory returns the name of the Category constant of an entry
// literal, keyed or not, or "".
func entryCategory(elt ast.Expr) string {
	lit, ok := elt.(*ast.CompositeLit)
	if !ok {
		return ""
	}
	if len(lit.Elts) > 1 {
		if _, keyed := lit.Elts[0].(*ast.KeyValueExpr); !keyed {
			// {x.Analyzer, Category, ...}
			if v, ok := lit.Elts[1].(*ast.Ident); ok {
				return v.Name
			}
			return ""
		}
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Category" {
				if v, ok := kv.Value.(*ast.Ident); ok {
					return v.Name
				}
			}
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
