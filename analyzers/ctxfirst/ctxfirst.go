package ctxfirst

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/ctxs"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/fixes"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "ctxfirst",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("ctxfirst"),
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

// A param is one parameter of a signature, flattened out of its field.
type param struct {
	field *ast.Field
	name  *ast.Ident // nil when unnamed
	typ   types.Type
}

func (p param) node() ast.Node {
	if p.name != nil {
		return p.name
	}
	return p.field.Type
}

func (p param) String() string {
	if p.name != nil {
		return p.name.Name
	}
	return "the unnamed " + types.ExprString(p.field.Type)
}

type checker struct {
	pass     *analysis.Pass
	ins      *inspector.Inspector
	dictated map[string][]*types.Signature // interface methods by name
	calls    map[*ast.Ident]*ast.CallExpr  // callee identifier -> its call
	outside  []*ast.File                   // the package's files this pass does not see; nil: not read yet
}

func run(pass *analysis.Pass) (any, error) {
	if !typesutil.Imports(pass.Pkg, "context") {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, ins: ins, dictated: interfaceMethods(pass.Pkg)}

	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.InterfaceType)(nil), (*ast.TypeSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if c.generated(n) {
				continue
			}
			if n.Recv != nil && c.implements(n) {
				continue // the signature is an interface's, reported there if at all
			}
			c.check(n.Type, n.Name.Name, n, false)
		case *ast.FuncLit:
			// A literal whose type is imposed by where it goes (an
			// argument, a field, a typed variable) cannot change its
			// parameter order; only a literal that defines its own type can.
			if c.generated(n) || !definesOwnType(cur.Parent().Node(), n) {
				continue
			}
			c.check(n.Type, "this function literal", nil, true)
		case *ast.InterfaceType:
			if c.generated(n) || n.Methods == nil {
				continue
			}
			for _, m := range n.Methods.List {
				if ft, ok := m.Type.(*ast.FuncType); ok && len(m.Names) == 1 {
					c.check(ft, "interface method "+m.Names[0].Name, nil, false)
				}
			}
		case *ast.TypeSpec:
			if ft, ok := n.Type.(*ast.FuncType); ok && !c.generated(n) {
				c.check(ft, "function type "+n.Name.Name, nil, true)
			}
		}
	}
	return nil, nil
}

// check reports the context parameters of ftyp that are out of place, and
// offers the reordering fix when decl is a function whose every use is a
// call in this package. A function value (value is set: a function type or
// a literal's own type) may take a receiver first, as a method expression
// does: (*Client).Get is a func(*Client, context.Context, string).
func (c *checker) check(ftyp *ast.FuncType, what string, decl *ast.FuncDecl, value bool) {
	params := c.flatten(ftyp.Params)
	var ctxIdx []int
	for i, p := range params {
		if ctxs.Is(p.typ) {
			ctxIdx = append(ctxIdx, i)
		}
	}
	if len(ctxIdx) == 0 {
		return
	}
	// testing.TB-family parameters may come first (a test helper); after
	// them, contexts that lead the rest of the list are the function's
	// subject (a helper that merges two contexts) or deliberate separate
	// lifetimes (a connect deadline and a connection lifetime).
	tb := 0
	for tb < len(params) && ctxs.IsTestingTB(params[tb].typ) {
		tb++
	}
	if leading(ctxIdx, tb) {
		return
	}
	if len(ctxIdx) > 1 {
		second := params[ctxIdx[len(ctxIdx)-1]]
		c.pass.Report(analysis.Diagnostic{
			Pos:      second.node().Pos(),
			End:      second.node().End(),
			Category: "ctxfirst",
			Message:  fmt.Sprintf("%s takes another context.Context (%s) after its other parameters; take one context, first, and derive others from it or pass them in a value", what, second),
		})
		return
	}
	k := ctxIdx[0]
	if k == 0 || allTestingTB(params[:k]) {
		return
	}
	if value && k == 1 && receiverLike(c.pass.Pkg, params[0].typ) {
		return
	}
	p := params[k]
	diag := analysis.Diagnostic{
		Pos:      p.node().Pos(),
		End:      p.node().End(),
		Category: "ctxfirst",
		Message:  fmt.Sprintf("context.Context %s of %s comes after %s; make it the first parameter, the convention callers and tools rely on", p, what, params[k-1]),
	}
	// The fix moves the context first; after a testing handle, where the
	// context belongs is the test's convention, so no fix is offered.
	if decl != nil && tb == 0 {
		if fix, ok := c.reorderFix(decl, params, k); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.pass.Report(diag)
}

// receiverLike reports whether t can be the receiver of a method
// expression of the package: a named type of pkg that is not an interface,
// or a pointer to one, with methods. (A *http.Request first is an argument,
// not a receiver.)
func receiverLike(pkg *types.Package, t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || types.IsInterface(n) || n.Obj().Pkg() != pkg {
		return false
	}
	return types.NewMethodSet(types.NewPointer(n)).Len() > 0
}

// leading reports whether the indices are from, from+1, from+2, ...
func leading(idx []int, from int) bool {
	for i, k := range idx {
		if k != from+i {
			return false
		}
	}
	return true
}

func allTestingTB(params []param) bool {
	for _, p := range params {
		if !ctxs.IsTestingTB(p.typ) {
			return false
		}
	}
	return true
}

func (c *checker) flatten(list *ast.FieldList) []param {
	var out []param
	if list == nil {
		return nil
	}
	for _, f := range list.List {
		t := c.pass.TypesInfo.TypeOf(f.Type)
		if len(f.Names) == 0 {
			out = append(out, param{field: f, typ: t})
		}
		for _, n := range f.Names {
			out = append(out, param{field: f, name: n, typ: t})
		}
	}
	return out
}

// reorderFix moves parameter k of decl to the front, and the matching
// argument of every call. It gives up unless decl is unexported, every use
// of it is a plain call in the files of this pass (so no caller can be
// missed), and the moved argument has no side effects whose order could
// matter.
func (c *checker) reorderFix(decl *ast.FuncDecl, params []param, k int) (analysis.SuggestedFix, bool) {
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok || fn.Exported() || (decl.Recv != nil && recvExported(fn)) {
		return analysis.SuggestedFix{}, false
	}
	if c.mentionedOutside(fn.Name()) {
		return analysis.SuggestedFix{}, false
	}
	ctxField := params[k].field
	if len(ctxField.Names) > 1 || c.loseComments(decl.Type.Params, fieldNodes(decl.Type.Params)) {
		return analysis.SuggestedFix{}, false
	}

	// The parameter list: the context's field first, the others in order.
	var fields []string
	ctxText, ok := fixes.Source(c.pass, ctxField)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	fields = append(fields, string(ctxText))
	for _, f := range decl.Type.Params.List {
		if f == ctxField {
			continue
		}
		src, ok := fixes.Source(c.pass, f)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		fields = append(fields, string(src))
	}
	edits := []analysis.TextEdit{{
		Pos:     decl.Type.Params.Opening + 1,
		End:     decl.Type.Params.Closing,
		NewText: []byte(strings.Join(fields, ", ")),
	}}

	// Every use must be a call whose arguments map one to one onto the
	// parameters.
	if c.calls == nil {
		c.calls = make(map[*ast.Ident]*ast.CallExpr)
		for n := range c.ins.PreorderSeq((*ast.CallExpr)(nil)) {
			call := n.(*ast.CallExpr)
			switch fun := ast.Unparen(call.Fun).(type) {
			case *ast.Ident:
				c.calls[fun] = call
			case *ast.SelectorExpr:
				if sel, ok := c.pass.TypesInfo.Selections[fun]; !ok || sel.Kind() == types.MethodVal {
					c.calls[fun.Sel] = call
				}
			}
		}
	}
	for id, obj := range c.pass.TypesInfo.Uses {
		if f, ok := obj.(*types.Func); !ok || f.Origin() != fn {
			continue
		}
		call, ok := c.calls[id]
		if !ok || !argsMatch(call, fn.Signature(), len(params), k) {
			return analysis.SuggestedFix{}, false
		}
		if !sideEffectFree(call.Args[k]) || c.loseComments(call, exprNodes(call.Args)) {
			return analysis.SuggestedFix{}, false
		}
		args := []string{}
		for i := -1; i < len(call.Args); i++ {
			j := i
			if i == -1 {
				j = k
			} else if i == k {
				continue
			}
			src, ok := fixes.Source(c.pass, call.Args[j])
			if !ok {
				return analysis.SuggestedFix{}, false
			}
			args = append(args, string(src))
		}
		text := strings.Join(args, ", ")
		if call.Ellipsis.IsValid() {
			text += "..."
		}
		edits = append(edits, analysis.TextEdit{Pos: call.Lparen + 1, End: call.Rparen, NewText: []byte(text)})
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Move %s first in %s and in its calls", params[k], decl.Name.Name),
		TextEdits: edits,
	}, true
}

// argsMatch reports whether the arguments of call correspond one to one
// to the n parameters of sig, through parameter k at least (a variadic
// tail may have any length).
func argsMatch(call *ast.CallExpr, sig *types.Signature, n, k int) bool {
	if sig.Variadic() {
		return k < n-1 && len(call.Args) >= n-1
	}
	return len(call.Args) == n
}

// recvExported reports whether a method's receiver type is exported, in
// which case an exported interface may require the method's signature.
func recvExported(fn *types.Func) bool {
	n := typesutil.ReceiverNamed(fn)
	return n != nil && n.Obj().Exported()
}

// sideEffectFree reports whether e is a variable or a field path, whose
// evaluation earlier than the other arguments cannot change anything.
func sideEffectFree(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return sideEffectFree(e.X)
	}
	return false
}

// loseComments reports whether a comment inside n lies outside every one
// of parts: rewriting n from the text of its parts would drop it.
func (c *checker) loseComments(n ast.Node, parts []ast.Node) bool {
	for _, f := range c.pass.Files {
		if f.FileStart > n.Pos() || n.End() > f.FileEnd {
			continue
		}
	comments:
		for _, cg := range f.Comments {
			if cg.Pos() < n.Pos() || n.End() < cg.End() {
				continue
			}
			for _, p := range parts {
				if p.Pos() <= cg.Pos() && cg.End() <= p.End() {
					continue comments
				}
			}
			return true
		}
	}
	return false
}

func fieldNodes(list *ast.FieldList) []ast.Node {
	var out []ast.Node
	for _, f := range list.List {
		out = append(out, f)
	}
	return out
}

func exprNodes(list []ast.Expr) []ast.Node {
	var out []ast.Node
	for _, e := range list {
		out = append(out, e)
	}
	return out
}

// mentionedOutside reports whether a Go file of the package's directory
// that this pass does not analyze may refer to name: a test file of the
// package (the test variant sees it, and makes the fix there), or a file
// for another GOOS, GOARCH or build tag (pass.IgnoredFiles, and any other
// file of the package that the build left out). A fix made here would miss
// a call there, and break that build. A file that cannot be read or parsed
// counts as a mention.
func (c *checker) mentionedOutside(name string) bool {
	if c.outside == nil {
		c.outside = c.filesOutsidePass()
	}
	for _, f := range c.outside {
		if f == nil {
			return true
		}
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == name {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// filesOutsidePass parses the Go files of the package's directory that
// declare this package and are not among the pass's files; nil stands for
// one that could not be read.
func (c *checker) filesOutsidePass() []*ast.File {
	outside := []*ast.File{}
	if len(c.pass.Files) == 0 {
		return outside
	}
	inPass := make(map[string]bool)
	for _, f := range c.pass.Files {
		inPass[c.pass.Fset.File(f.Pos()).Name()] = true
	}
	dir := filepath.Dir(c.pass.Fset.File(c.pass.Files[0].Pos()).Name())
	entries, err := os.ReadDir(dir)
	if err != nil {
		return []*ast.File{nil} // cannot tell: assume the worst
	}
	candidates := slices.Clone(c.pass.IgnoredFiles)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") {
			candidates = append(candidates, filepath.Join(dir, e.Name()))
		}
	}
	seen := make(map[string]bool)
	for _, name := range candidates {
		if inPass[name] || seen[name] || !strings.HasSuffix(name, ".go") {
			continue
		}
		seen[name] = true
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
		if err != nil {
			outside = append(outside, nil)
			continue
		}
		if f.Name.Name == c.pass.Pkg.Name() {
			outside = append(outside, f)
		}
	}
	return outside
}

func (c *checker) generated(n ast.Node) bool {
	for _, f := range c.pass.Files {
		if f.FileStart <= n.Pos() && n.End() <= f.FileEnd {
			return ast.IsGenerated(f)
		}
	}
	return false
}

// implements reports whether the method declared by decl has the name and
// signature of a method of an interface declared in this package or in a
// package it imports: its parameter order is then not its own choice.
func (c *checker) implements(decl *ast.FuncDecl) bool {
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	for _, sig := range c.dictated[fn.Name()] {
		if types.Identical(sig, fn.Signature()) {
			return true
		}
	}
	return false
}

func interfaceMethods(pkg *types.Package) map[string][]*types.Signature {
	out := make(map[string][]*types.Signature)
	add := func(p *types.Package) {
		scope := p.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok {
				continue
			}
			iface, ok := tn.Type().Underlying().(*types.Interface)
			if !ok {
				continue
			}
			for m := range iface.Methods() {
				out[m.Name()] = append(out[m.Name()], m.Signature())
			}
		}
	}
	add(pkg)
	for _, imp := range pkg.Imports() {
		add(imp)
	}
	return out
}

// definesOwnType reports whether lit, whose syntactic parent is parent,
// is declared with := or an untyped var, so that its parameter order is
// its author's choice.
func definesOwnType(parent ast.Node, lit *ast.FuncLit) bool {
	switch p := parent.(type) {
	case *ast.AssignStmt:
		return p.Tok == token.DEFINE
	case *ast.ValueSpec:
		return p.Type == nil
	}
	return false
}
