package runner

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/concvet/concvet/internal/results"
)

// action is one analyzer on one package, as in unitchecker.
type action struct {
	once        sync.Once
	result      any
	err         error
	diagnostics []analysis.Diagnostic
}

// unit is the analysis of one package: its passes share the facts it
// exports.
type unit struct {
	r       *run
	n       *node
	files   []*ast.File
	info    *types.Info
	sizes   types.Sizes
	actions map[*analysis.Analyzer]*action
	visible map[*types.Package]*node // the package and its dependencies, whose facts it sees

	mu       sync.Mutex // guards the facts the package exports
	objFacts map[objectFactKey]analysis.Fact
	pkgFacts map[reflect.Type]analysis.Fact
}

// analyse runs the suite the package gets on it and returns what to cache:
// its findings (a root's) and the facts it exports. The analyzers' results,
// SSA among them, are dropped when it returns.
func (r *run) analyse(n *node, files []*ast.File, info *types.Info, sizes types.Sizes) (*entry, error) {
	u := &unit{
		r: r, n: n, files: files, info: info, sizes: sizes,
		actions:  make(map[*analysis.Analyzer]*action),
		visible:  make(map[*types.Package]*node),
		objFacts: make(map[objectFactKey]analysis.Fact),
		pkgFacts: make(map[reflect.Type]analysis.Fact),
	}
	var visit func(*node)
	visit = func(d *node) {
		if d.types == nil || u.visible[d.types] != nil {
			return
		}
		u.visible[d.types] = d
		for _, dd := range d.deps {
			visit(dd)
		}
	}
	for _, d := range n.deps {
		visit(d)
	}
	suite := r.factsSuite
	if n.root {
		suite = r.rootSuite
	}
	var addActions func(a *analysis.Analyzer)
	addActions = func(a *analysis.Analyzer) {
		if u.actions[a] != nil {
			return
		}
		u.actions[a] = new(action)
		for _, req := range a.Requires {
			addActions(req)
		}
	}
	for _, a := range suite {
		addActions(a)
	}
	u.execAll(suite)

	e := &entry{}
	if n.root {
		e.Diagnostics = make(map[string]json.RawMessage)
		for _, a := range suite {
			act := u.actions[a]
			raw, err := u.diagnosticsJSON(act)
			if err != nil {
				return nil, err
			}
			if raw != nil {
				e.Diagnostics[a.Name] = raw
			}
		}
	}

	// Keep, as unitchecker does, the facts about objects that other
	// packages can name; they are what dependents see.
	n.objFacts, n.pkgFacts = make(map[objectFactKey]analysis.Fact), u.pkgFacts
	var enc objectpath.Encoder
	var gobs []gobFact
	for k, f := range u.objFacts {
		path, err := enc.For(k.obj)
		if err != nil {
			continue
		}
		n.objFacts[k] = f
		gobs = append(gobs, gobFact{ObjPath: string(path), Fact: f})
	}
	for _, f := range u.pkgFacts {
		gobs = append(gobs, gobFact{Fact: f})
	}
	facts, err := encodeFacts(gobs)
	if err != nil {
		return nil, fmt.Errorf("%s: encoding facts: %v", n.pkg.ID, err)
	}
	e.Facts = facts
	return e, nil
}

func (u *unit) execAll(list []*analysis.Analyzer) {
	var wg sync.WaitGroup
	for _, a := range list {
		wg.Go(func() { u.exec(a) })
	}
	wg.Wait()
}

func (u *unit) exec(a *analysis.Analyzer) *action {
	act := u.actions[a]
	act.once.Do(func() {
		u.execAll(a.Requires)
		inputs := make(map[*analysis.Analyzer]any)
		var failed []string
		for _, req := range a.Requires {
			reqact := u.exec(req)
			if reqact.err != nil {
				failed = append(failed, req.String())
				continue
			}
			inputs[req] = reqact.result
		}
		if failed != nil {
			sort.Strings(failed)
			act.err = fmt.Errorf("failed prerequisites: %s", strings.Join(failed, ", "))
			return
		}
		act.result, act.err = u.runPass(a, act, inputs)
	})
	return act
}

// runPass runs one analyzer, turning a panic into its error.
func (u *unit) runPass(a *analysis.Analyzer, act *action, inputs map[*analysis.Analyzer]any) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	factTypes := make(map[reflect.Type]bool)
	for _, f := range a.FactTypes {
		factTypes[reflect.TypeOf(f)] = true
	}
	p := u.n.pkg
	var module *analysis.Module
	if p.Module != nil {
		module = &analysis.Module{Path: p.Module.Path, Version: p.Module.Version, GoVersion: p.Module.GoVersion}
	}
	pass := &analysis.Pass{
		Analyzer:     a,
		Fset:         u.r.fset,
		Files:        u.files,
		OtherFiles:   p.OtherFiles,
		IgnoredFiles: p.IgnoredFiles,
		Pkg:          u.n.types,
		TypesInfo:    u.info,
		TypesSizes:   u.sizes,
		ResultOf:     inputs,
		Module:       module,
		Report: func(d analysis.Diagnostic) {
			// As unitchecker: an invalid fix is dropped (it logs it, to
			// a standard error that the standalone mode does not show).
			if err := validateFixes(u.r.fset, a, d.SuggestedFixes); err != nil {
				d.SuggestedFixes = nil
			}
			u.mu.Lock()
			act.diagnostics = append(act.diagnostics, d)
			u.mu.Unlock()
		},
		ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
			return u.importObjectFact(obj, fact)
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			if obj.Pkg() != u.n.types {
				panic(fmt.Sprintf("%s: fact about %s, which is not of package %s", a.Name, obj, u.n.types.Path()))
			}
			u.mu.Lock()
			u.objFacts[objectFactKey{obj, reflect.TypeOf(fact)}] = fact
			u.mu.Unlock()
		},
		ImportPackageFact: func(pkg *types.Package, fact analysis.Fact) bool {
			return u.importPackageFact(pkg, fact)
		},
		ExportPackageFact: func(fact analysis.Fact) {
			u.mu.Lock()
			u.pkgFacts[reflect.TypeOf(fact)] = fact
			u.mu.Unlock()
		},
		AllObjectFacts: func() []analysis.ObjectFact {
			return u.allObjectFacts(factTypes)
		},
		AllPackageFacts: func() []analysis.PackageFact {
			return u.allPackageFacts(factTypes)
		},
	}
	pass.ReadFile = u.readFile
	return a.Run(pass)
}

func copyFact(dst, src analysis.Fact) {
	reflect.ValueOf(dst).Elem().Set(reflect.ValueOf(src).Elem())
}

func (u *unit) importObjectFact(obj types.Object, fact analysis.Fact) bool {
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	key := objectFactKey{obj, reflect.TypeOf(fact)}
	if obj.Pkg() == u.n.types {
		u.mu.Lock()
		f, ok := u.objFacts[key]
		u.mu.Unlock()
		if ok {
			copyFact(fact, f)
		}
		return ok
	}
	d := u.visible[obj.Pkg()]
	if d == nil {
		return false
	}
	f, ok := d.objFacts[key]
	if ok {
		copyFact(fact, f)
	}
	return ok
}

func (u *unit) importPackageFact(pkg *types.Package, fact analysis.Fact) bool {
	typ := reflect.TypeOf(fact)
	if pkg == u.n.types {
		u.mu.Lock()
		f, ok := u.pkgFacts[typ]
		u.mu.Unlock()
		if ok {
			copyFact(fact, f)
		}
		return ok
	}
	d := u.visible[pkg]
	if d == nil {
		return false
	}
	f, ok := d.pkgFacts[typ]
	if ok {
		copyFact(fact, f)
	}
	return ok
}

func (u *unit) allObjectFacts(filter map[reflect.Type]bool) []analysis.ObjectFact {
	var out []analysis.ObjectFact
	for _, d := range u.visible {
		for k, f := range d.objFacts {
			if filter[k.typ] {
				out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
			}
		}
	}
	u.mu.Lock()
	for k, f := range u.objFacts {
		if filter[k.typ] {
			out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
		}
	}
	u.mu.Unlock()
	return out
}

func (u *unit) allPackageFacts(filter map[reflect.Type]bool) []analysis.PackageFact {
	var out []analysis.PackageFact
	for pkg, d := range u.visible {
		for typ, f := range d.pkgFacts {
			if filter[typ] {
				out = append(out, analysis.PackageFact{Package: pkg, Fact: f})
			}
		}
	}
	u.mu.Lock()
	for typ, f := range u.pkgFacts {
		if filter[typ] {
			out = append(out, analysis.PackageFact{Package: u.n.types, Fact: f})
		}
	}
	u.mu.Unlock()
	return out
}

// readFile reads a file of the package, as the x/tools drivers allow:
// its Go files, other files and ignored files, nothing else.
func (u *unit) readFile(name string) ([]byte, error) {
	p := u.n.pkg
	for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles, p.IgnoredFiles} {
		if slices.Contains(list, name) {
			return os.ReadFile(name)
		}
	}
	return nil, fmt.Errorf("Pass.ReadFile: %s is not among the files of %s", name, p.ID)
}

// diagnosticsJSON renders an action's outcome as go vet -json does: an
// error, a list of diagnostics, or nothing.
func (u *unit) diagnosticsJSON(act *action) (json.RawMessage, error) {
	if act.err != nil {
		return json.Marshal(struct {
			Err string `json:"error"`
		}{act.err.Error()})
	}
	if len(act.diagnostics) == 0 {
		return nil, nil
	}
	fset := u.r.fset
	or := func(end, pos token.Pos) token.Pos {
		if end.IsValid() {
			return end
		}
		return pos
	}
	list := make([]results.Finding, 0, len(act.diagnostics))
	for _, d := range act.diagnostics {
		f := results.Finding{
			Category: d.Category,
			Posn:     fset.Position(d.Pos).String(),
			End:      fset.Position(or(d.End, d.Pos)).String(),
			Message:  d.Message,
		}
		for _, fix := range d.SuggestedFixes {
			jf := results.Fix{Message: fix.Message}
			for _, edit := range fix.TextEdits {
				jf.Edits = append(jf.Edits, results.Edit{
					Filename: fset.Position(edit.Pos).Filename,
					Start:    fset.Position(edit.Pos).Offset,
					End:      fset.Position(or(edit.End, edit.Pos)).Offset,
					New:      string(edit.NewText),
				})
			}
			f.SuggestedFixes = append(f.SuggestedFixes, jf)
		}
		for _, rel := range d.Related {
			f.Related = append(f.Related, results.Related{
				Posn:    fset.Position(rel.Pos).String(),
				End:     fset.Position(or(rel.End, rel.Pos)).String(),
				Message: rel.Message,
			})
		}
		list = append(list, f)
	}
	return json.Marshal(list)
}
