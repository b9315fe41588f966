package ctxfield

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/ctxs"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/files"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "ctxfield",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("ctxfield"),
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if !typesutil.Imports(pass.Pkg, "context") {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	owned := ownedContexts(pass, ins.Root())
	for fileCur := range ins.Root().Children() {
		file := fileCur.Node().(*ast.File)
		if files.SkipsTestOrGenerated(pass, file) {
			continue // test tables and generated code hold contexts freely
		}
		for cur := range fileCur.Preorder((*ast.TypeSpec)(nil), (*ast.AssignStmt)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.TypeSpec:
				checkStruct(pass, n, owned)
			case *ast.AssignStmt:
				checkAssign(pass, n)
			}
		}
	}
	return nil, nil
}

// checkStruct reports the context fields of a named struct type, unless
// the type is itself a context (it embeds one, or has Context's methods)
// or the field holds the struct's own lifetime context.
func checkStruct(pass *analysis.Pass, spec *ast.TypeSpec, owned map[*types.Var]bool) {
	st, ok := spec.Type.(*ast.StructType)
	if !ok {
		return
	}
	obj := pass.TypesInfo.Defs[spec.Name]
	if obj == nil || implementsContext(obj.Type()) {
		return
	}
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 || !ctxs.Is(pass.TypesInfo.TypeOf(f.Type)) {
			continue
		}
		for _, name := range f.Names {
			if owned[pass.TypesInfo.Defs[name].(*types.Var)] {
				continue // the struct's own lifetime, cancelled by its Close
			}
			pass.Report(analysis.Diagnostic{
				Pos:      name.Pos(),
				End:      name.End(),
				Category: "ctxfield",
				Message: fmt.Sprintf("field %s of %s stores a context.Context, which ties every method to one caller's cancellation and deadline; pass the context to the methods that need it (a struct for a single request or stream may keep its context)",
					name.Name, spec.Name.Name),
			})
		}
	}
}

func implementsContext(t types.Type) bool {
	for _, typ := range []types.Type{t, types.NewPointer(t)} {
		mset := types.NewMethodSet(typ)
		if mset.Lookup(nil, "Done") != nil && mset.Lookup(nil, "Err") != nil && mset.Lookup(nil, "Value") != nil {
			return true
		}
	}
	return false
}

// checkAssign reports a context stored where it outlives the call: a
// package variable, a field of a type declared in another package (this
// package's fields are reported at their declaration), or an element of a
// map held in a package variable or field.
func checkAssign(pass *analysis.Pass, as *ast.AssignStmt) {
	for i, lhs := range as.Lhs {
		if len(as.Rhs) != len(as.Lhs) || !ctxs.Is(pass.TypesInfo.TypeOf(as.Rhs[i])) {
			continue
		}
		var where string
		switch lhs := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			if v, ok := pass.TypesInfo.ObjectOf(lhs).(*types.Var); ok && isPackageVar(v) {
				where = "package variable " + v.Name()
			}
		case *ast.SelectorExpr:
			if v, ok := pass.TypesInfo.ObjectOf(lhs.Sel).(*types.Var); ok && v.IsField() && v.Pkg() != pass.Pkg {
				where = "field " + lhs.Sel.Name
			}
		case *ast.IndexExpr:
			if _, isMap := pass.TypesInfo.TypeOf(lhs.X).Underlying().(*types.Map); isMap && longLived(pass, lhs.X) {
				where = "map " + types.ExprString(lhs.X)
			}
		}
		if where == "" {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Pos:      lhs.Pos(),
			End:      lhs.End(),
			Category: "ctxfield",
			Message:  fmt.Sprintf("context stored in %s outlives the call that owns it, so later users see a context that may be cancelled or carry another request's values; pass the context as a parameter instead", where),
		})
	}
}

func isPackageVar(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// longLived reports whether x is a package variable or a field.
func longLived(pass *analysis.Pass, x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		v, ok := pass.TypesInfo.ObjectOf(x).(*types.Var)
		return ok && isPackageVar(v)
	case *ast.SelectorExpr:
		v, ok := pass.TypesInfo.ObjectOf(x.Sel).(*types.Var)
		return ok && v.IsField()
	}
	return false
}
