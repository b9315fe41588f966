// Package runner is concvet's own driver for the standalone mode: it loads
// the metadata of the packages named and of their dependencies, then
// type-checks and analyses them from source, in dependency order, several
// at once, in one process.
//
// It follows the design of staticcheck's lintcmd/runner, with the
// analysis-unit semantics of x/tools' unitchecker, so that its findings
// are those of `go vet -vettool=concvet`:
//
//   - The packages named (with tests: each package's test variant in its
//     place, and its external test package) get the selected suite. Their
//     dependencies are analysed only for their facts: the analyzers that
//     export facts run on them (analyzers.FactsOnly), the others do not.
//   - A package is type-checked from source against its dependencies'
//     types, checked earlier in the same run. Once it is analysed, its
//     syntax, types.Info, SSA and analyzer results are dropped: its
//     dependents need only its *types.Package and its facts. Facts are
//     kept, as in unitchecker, only for objects that other packages can
//     name (objectpath).
//   - Each package's facts and findings are kept in a cache of the runner's
//     own (Cache), keyed by the contents of its files, its dependencies'
//     keys, the Go version, the analyzers and their flags, and concvet's
//     executable. A package whose result is cached is neither parsed nor
//     analysed; it is type-checked, without function bodies, only when a
//     dependent needs its types, and its facts are read back from the
//     cache. A warm run over unchanged code only hashes files.
//   - A package that does not load or type-check is reported once, with
//     its first error; the packages that import it are not analysed (their
//     findings would be guesses) and the rest are.
package runner

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/concvet/concvet/analyzers"
)

// Options say what to analyse and how.
type Options struct {
	// Analyzers is the selected suite, run on the packages named.
	Analyzers []*analysis.Analyzer
	// Patterns are the package patterns, as go list takes them.
	Patterns []string
	// Tests analyses the packages' tests too, as go vet does.
	Tests bool
	// BuildFlags are passed to go list.
	BuildFlags []string
	// Dir is the directory go list runs in ("" for the current one).
	Dir string
	// Env is the environment of go list (nil for this process's).
	Env []string
	// Cache holds results between runs; nil keeps none.
	Cache *Cache
	// Salt is hashed into every cache key: what else decides the
	// results (concvet's version, the analyzers' flags).
	Salt string
}

// A Broken package is one that did not load or type-check.
type Broken struct {
	Package string // import path, without a test variant suffix
	Posn    string // position of the first error, when known
	Message string
}

// Result is the outcome of a run.
type Result struct {
	// Tree holds the findings as go vet -json prints them: package ID →
	// analyzer name → a list of diagnostics or {"error": message}.
	Tree map[string]map[string]json.RawMessage
	// Broken lists the packages that did not load, in package order.
	Broken []Broken
	// Stats count what the run did.
	Stats Stats
}

// Stats count the packages by what was done with them.
type Stats struct {
	Packages int // in the graph
	Roots    int // analysed with the full suite
	Analysed int // analysed in this run (the rest came from the cache)
	Checked  int // type-checked without analysis, for a dependent
}

// node is one package of the graph.
type node struct {
	pkg        *packages.Package
	root       bool
	deps       []*node // sorted by import path
	dependents []*node

	contentKey [32]byte // files and dependencies: what the facts depend on
	broken     *Broken  // the package's own load or type error
	depBroken  bool     // some dependency is broken

	entry        *entry // from the cache, or computed in this run
	needAnalysis bool
	needTypes    bool

	pending int // dependencies not yet processed; guarded by the scheduler

	// Set when processed, kept for dependents.
	types    *types.Package
	objFacts map[objectFactKey]analysis.Fact
	pkgFacts map[reflect.Type]analysis.Fact
}

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

// Run analyses the packages and returns their findings.
func Run(ctx context.Context, o Options) (*Result, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
			packages.NeedImports | packages.NeedDeps | packages.NeedModule,
		Context:    ctx,
		Dir:        o.Dir,
		Env:        o.Env,
		Tests:      o.Tests,
		BuildFlags: o.BuildFlags,
	}
	initial, err := packages.Load(cfg, o.Patterns...)
	if err != nil {
		return nil, err
	}
	if len(initial) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(o.Patterns, " "))
	}

	r := &run{
		opts:       o,
		fset:       token.NewFileSet(),
		rootSuite:  o.Analyzers,
		factsSuite: factsSuite(o.Analyzers),
	}
	registerFactTypes(o.Analyzers)
	r.build(initial)
	r.hash()
	r.plan()
	if err := r.execute(ctx); err != nil {
		return nil, err
	}
	return r.result(), nil
}

// run is the state of one Run.
type run struct {
	opts       Options
	nodes      []*node // in topological order: dependencies first
	fset       *token.FileSet
	rootSuite  []*analysis.Analyzer
	factsSuite []*analysis.Analyzer

	byPkg map[*packages.Package]*node

	stats Stats
}

// build makes the graph and chooses its roots the way go vet does: for a
// package with tests, its test variant ("p [p.test]") in its place and
// its external test package; never the generated test main.
func (r *run) build(initial []*packages.Package) {
	byPkg := make(map[*packages.Package]*node)
	r.byPkg = byPkg
	packages.Visit(initial, nil, func(p *packages.Package) {
		n := &node{pkg: p}
		byPkg[p] = n
		r.nodes = append(r.nodes, n)
	})
	for _, n := range r.nodes {
		for _, path := range slices.Sorted(maps.Keys(n.pkg.Imports)) {
			d := byPkg[n.pkg.Imports[path]]
			n.deps = append(n.deps, d)
			d.dependents = append(d.dependents, n)
		}
	}
	ids := make(map[string]bool)
	for _, p := range initial {
		ids[p.ID] = true
	}
	for _, p := range initial {
		switch {
		case strings.HasSuffix(p.ID, ".test") && p.Name == "main" && !strings.Contains(p.ID, " "):
			continue // the generated test main
		case ids[p.ID+" ["+p.PkgPath+".test]"]:
			continue // its test variant is analysed instead
		case len(p.CompiledGoFiles) == 0 && len(p.Errors) == 0:
			continue // no files for this configuration
		}
		byPkg[p].root = true
		r.stats.Roots++
	}
	r.stats.Packages = len(r.nodes)
}

// hash computes every package's content key and reports the packages that
// did not load. The files are hashed in parallel; the keys, which chain
// the dependencies' keys, in dependency order.
func (r *run) hash() {
	salt := sha256.Sum256([]byte(fmt.Sprintf("concvet runner %d\x00%s\x00%s\x00%s\x00%v", entryVersion, r.opts.Salt, runtime.Version(), build.Default.GOARCH, r.opts.BuildFlags)))
	filesKey := make([][32]byte, len(r.nodes))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, n := range r.nodes {
		p := n.pkg
		if len(p.Errors) > 0 {
			e := p.Errors[0]
			n.broken = &Broken{Package: pathOf(p), Posn: e.Pos, Message: e.Msg}
			continue
		}
		g.Go(func() error {
			// The lists by name, then each file's contents once (compiled
			// files are mostly the Go files).
			h := sha256.New()
			fmt.Fprintf(h, "%q\n%q\n%q\n%q\n", p.GoFiles, p.CompiledGoFiles, p.OtherFiles, p.IgnoredFiles)
			seen := make(map[string]bool)
			for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles, p.IgnoredFiles} {
				for _, f := range list {
					if seen[f] {
						continue
					}
					seen[f] = true
					if err := hashFile(h, f); err != nil {
						n.broken = &Broken{Package: pathOf(p), Posn: f + ":1", Message: err.Error()}
						return nil
					}
				}
			}
			h.Sum(filesKey[i][:0])
			return nil
		})
	}
	g.Wait()
	for i, n := range r.nodes {
		if n.broken != nil {
			continue
		}
		p := n.pkg
		h := sha256.New()
		h.Write(salt[:])
		fmt.Fprintf(h, "id %q path %q name %q go %q files %x\n", p.ID, p.PkgPath, p.Name, goVersion(p), filesKey[i])
		for _, d := range n.deps {
			fmt.Fprintf(h, "dep %q %x\n", d.pkg.PkgPath, d.contentKey)
		}
		h.Sum(n.contentKey[:0])
	}
}

func hashFile(h io.Writer, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(h, "file %q\n", name)
	n, err := io.Copy(h, f)
	fmt.Fprintf(h, "\n%d\n", n)
	return err
}

// entryKey is the cache key of a package's result: its content key and
// whether it gets the full suite or the facts only.
func (n *node) entryKey() [32]byte {
	mode := "facts"
	if n.root {
		mode = "full"
	}
	return sha256.Sum256(append(n.contentKey[:], mode...))
}

// plan reads the cached results and decides what each package needs: a
// package with no cached result is analysed; one whose facts a dependent
// analysed in this run needs is type-checked (the facts name its objects).
func (r *run) plan() {
	for _, n := range r.nodes {
		if n.broken != nil || n.pkg.PkgPath == "unsafe" {
			continue
		}
		for _, d := range n.deps {
			if d.broken != nil || d.depBroken {
				n.depBroken = true
			}
		}
		if n.depBroken {
			continue
		}
		if r.opts.Cache != nil {
			n.entry = r.opts.Cache.get(n.entryKey())
		}
		if n.entry != nil && n.entry.Broken != nil {
			b := *n.entry.Broken
			n.broken = &b
			continue
		}
		n.needAnalysis = n.entry == nil
		if n.needAnalysis {
			r.stats.Analysed++
		}
	}
	// Dependents before dependencies.
	for i := len(r.nodes) - 1; i >= 0; i-- {
		n := r.nodes[i]
		n.needTypes = n.needAnalysis
		for _, d := range n.dependents {
			if d.needTypes {
				n.needTypes = true
			}
		}
		if n.needTypes && !n.needAnalysis && n.broken == nil && !n.depBroken && n.pkg.PkgPath != "unsafe" {
			r.stats.Checked++
		}
		if !n.needTypes && n.entry != nil {
			n.entry.Facts = nil // no dependent reads them
		}
	}
}

// execute processes the packages in dependency order, at most GOMAXPROCS
// at a time: a package is ready when all its dependencies are done.
func (r *run) execute(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	ready := make(chan *node, len(r.nodes))
	done := make(chan *node, len(r.nodes))
	for _, n := range r.nodes {
		n.pending = len(n.deps)
		if n.pending == 0 {
			ready <- n
		}
	}
	remaining := len(r.nodes)
	for remaining > 0 {
		select {
		case n := <-ready:
			g.Go(func() error {
				if err := r.process(n); err != nil {
					return err
				}
				done <- n
				return nil
			})
		case n := <-done:
			remaining--
			for _, d := range n.dependents {
				d.pending--
				if d.pending == 0 {
					ready <- d
				}
			}
		case <-ctx.Done():
			return g.Wait()
		}
	}
	return g.Wait()
}

// process type-checks and analyses one package, or reads its result.
func (r *run) process(n *node) error {
	p := n.pkg
	if p.PkgPath == "unsafe" {
		n.types = types.Unsafe
		return nil
	}
	for _, d := range n.deps {
		if d.broken != nil || d.depBroken {
			n.depBroken = true
		}
	}
	if n.broken != nil || n.depBroken || !n.needTypes {
		return nil
	}
	if !n.needAnalysis {
		// Cached: check the declarations for the dependents' sake, and
		// read the facts back. Should that fail, analyse afresh.
		if r.restore(n, nil) {
			return nil
		}
		n.needAnalysis = true
	}

	files, perr := r.parse(p, parser.ParseComments)
	if perr != nil {
		n.broken = perr
		r.store(n, &entry{Broken: perr})
		return nil
	}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	tpkg, sizes, terr := r.check(p, files, info, false)
	if terr != nil {
		n.broken = terr
		r.store(n, &entry{Broken: terr})
		return nil
	}
	n.types = tpkg
	e, err := r.analyse(n, files, info, sizes)
	if err != nil {
		return err
	}
	r.store(n, e)
	n.entry = &entry{Diagnostics: e.Diagnostics}
	if len(n.dependents) == 0 {
		// Nothing needs its types or facts.
		n.types, n.objFacts, n.pkgFacts = nil, nil, nil
		return nil
	}
	// Dependents need the package's declarations, not the scopes and
	// objects of its function bodies, which the full check keeps alive:
	// check the declarations alone, afresh (from the same syntax), and keep
	// those, with the facts renamed to them. Nothing refers to the full
	// types yet, as no dependent has started. On consulapi this cost no
	// measurable CPU and lowered the peak memory from 333 to 245 MB.
	full := n.entry
	n.entry = &entry{Facts: e.Facts}
	if !r.restore(n, files) {
		return fmt.Errorf("%s: checking its declarations again", p.ID)
	}
	n.entry = full
	return nil
}

// restore type-checks a package's declarations, from files or, when nil,
// from its files parsed afresh, and reads its facts from its cache entry.
func (r *run) restore(n *node, files []*ast.File) bool {
	if files == nil {
		var perr *Broken
		files, perr = r.parse(n.pkg, parser.SkipObjectResolution)
		if perr != nil {
			return false
		}
	}
	tpkg, _, terr := r.check(n.pkg, files, nil, true)
	if terr != nil {
		return false
	}
	n.types = tpkg
	n.objFacts, n.pkgFacts = make(map[objectFactKey]analysis.Fact), make(map[reflect.Type]analysis.Fact)
	if err := decodeFacts(n, n.entry.Facts); err != nil {
		return false
	}
	n.entry.Facts = nil
	return true
}

func (r *run) store(n *node, e *entry) {
	if r.opts.Cache != nil {
		r.opts.Cache.put(n.entryKey(), e)
	}
}

// parse parses the package's compiled files.
func (r *run) parse(p *packages.Package, mode parser.Mode) ([]*ast.File, *Broken) {
	files := make([]*ast.File, 0, len(p.CompiledGoFiles))
	for _, name := range p.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, &Broken{Package: pathOf(p), Posn: name + ":1", Message: err.Error()}
		}
		f, err := parser.ParseFile(r.fset, name, src, mode)
		if err != nil {
			b := &Broken{Package: pathOf(p), Message: err.Error()}
			if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
				b.Posn, b.Message = list[0].Pos.String(), list[0].Msg
			}
			return nil, b
		}
		files = append(files, f)
	}
	return files, nil
}

// check type-checks the package against its dependencies' types.
func (r *run) check(p *packages.Package, files []*ast.File, info *types.Info, declsOnly bool) (*types.Package, types.Sizes, *Broken) {
	var first *types.Error
	// As unitchecker: the sizes of the gc compiler for the target.
	sizes := types.SizesFor("gc", build.Default.GOARCH)
	tc := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			imp, ok := p.Imports[path]
			if !ok {
				return nil, fmt.Errorf("no metadata for %s", path)
			}
			d := r.byPkg[imp]
			if d == nil || d.types == nil {
				return nil, fmt.Errorf("%s was not type-checked", path)
			}
			return d.types, nil
		}),
		Sizes:            sizes,
		GoVersion:        goVersion(p),
		IgnoreFuncBodies: declsOnly,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok && first == nil {
				first = &te
			}
		},
	}
	tpkg := types.NewPackage(p.PkgPath, p.Name)
	err := types.NewChecker(tc, r.fset, tpkg, info).Files(files)
	switch {
	case first != nil:
		return nil, nil, &Broken{Package: pathOf(p), Posn: first.Fset.Position(first.Pos).String(), Message: first.Msg}
	case err != nil:
		return nil, nil, &Broken{Package: pathOf(p), Message: err.Error()}
	}
	return tpkg, sizes, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// result gathers the roots' findings and the broken packages.
func (r *run) result() *Result {
	res := &Result{Tree: make(map[string]map[string]json.RawMessage), Stats: r.stats}
	for _, n := range r.nodes {
		if n.broken != nil {
			res.Broken = append(res.Broken, *n.broken)
			continue
		}
		if !n.root || n.depBroken || n.entry == nil {
			continue
		}
		for name, raw := range n.entry.Diagnostics {
			if res.Tree[n.pkg.ID] == nil {
				res.Tree[n.pkg.ID] = make(map[string]json.RawMessage)
			}
			res.Tree[n.pkg.ID][name] = raw
		}
	}
	sort.SliceStable(res.Broken, func(i, j int) bool {
		return cmp.Or(strings.Compare(res.Broken[i].Package, res.Broken[j].Package), strings.Compare(res.Broken[i].Posn, res.Broken[j].Posn)) < 0
	})
	return res
}

// pathOf is the package's import path without a test variant suffix.
func pathOf(p *packages.Package) string {
	path, _, _ := strings.Cut(p.PkgPath, " [")
	return cmp.Or(path, p.ID)
}

// goVersion is the language version the package is checked at, as go vet
// gives it: its module's go line.
func goVersion(p *packages.Package) string {
	if p.Module == nil {
		return ""
	}
	return "go" + cmp.Or(p.Module.GoVersion, "1.16")
}

// factsSuite returns the analyzers that run on a dependency: as go vet
// runs them with analyzers.FactsOnly, those that, stripped of what serves
// only diagnostics, still use facts (unitchecker's VetxOnly rule).
func factsSuite(suite []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range analyzers.FactsOnly(suite) {
		if usesFacts(a, make(map[*analysis.Analyzer]bool)) {
			out = append(out, a)
		}
	}
	return out
}

func usesFacts(a *analysis.Analyzer, seen map[*analysis.Analyzer]bool) bool {
	if seen[a] {
		return false
	}
	seen[a] = true
	if len(a.FactTypes) > 0 {
		return true
	}
	for _, req := range a.Requires {
		if usesFacts(req, seen) {
			return true
		}
	}
	return false
}
