package analyzers_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/concvet/concvet/internal/testutil"
)

// TestGoldenFilesCompile applies every fixture's .golden file (what a
// suggested fix leaves) over its source and type-checks the packages that
// hold one: a fix must leave code that builds.
func TestGoldenFilesCompile(t *testing.T) {
	goldens, err := filepath.Glob("*/testdata/src/*/*/*.golden")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("*/testdata/src/*/*.golden")
	goldens = append(goldens, more...)
	if len(goldens) == 0 {
		t.Fatal("no .golden files found")
	}
	byAnalyzer := make(map[string][]string)
	for _, g := range goldens {
		name, _, _ := strings.Cut(g, string(filepath.Separator))
		byAnalyzer[name] = append(byAnalyzer[name], g)
	}
	for _, name := range slices.Sorted(maps.Keys(byAnalyzer)) {
		files := byAnalyzer[name]
		t.Run(name, func(t *testing.T) {
			gopath := testutil.CopyDir(t, filepath.Join(name, "testdata"))
			var dirs []string
			for _, g := range files {
				rel, _ := filepath.Rel(filepath.Join(name, "testdata"), g)
				golden := filepath.Join(gopath, rel)
				data, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(strings.TrimSuffix(golden, ".golden"), data, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Remove(golden); err != nil {
					t.Fatal(err)
				}
				if dir := filepath.Dir(golden); !slices.Contains(dirs, dir) {
					dirs = append(dirs, dir)
				}
			}
			for _, dir := range dirs {
				cfg := &packages.Config{
					Mode:  packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo,
					Dir:   dir,
					Tests: true,
					Env:   append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
				}
				pkgs, err := packages.Load(cfg, ".")
				if err != nil {
					t.Fatalf("%s: %v", dir, err)
				}
				packages.Visit(pkgs, nil, func(p *packages.Package) {
					for _, e := range p.Errors {
						t.Errorf("%s after its fixes: %v", p.PkgPath, e)
					}
				})
			}
		})
	}
}
