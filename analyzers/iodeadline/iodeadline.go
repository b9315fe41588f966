package iodeadline

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/ctxs"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/files"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "iodeadline",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("iodeadline"),
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

type checker struct {
	pass    *analysis.Pass
	holders map[*types.Var]*holder
	// visiting guards the walk through a context's or request's values
	// against cycles (ctx = context.WithValue(ctx, k, v) in a loop).
	visiting map[*types.Var]bool
}

func run(pass *analysis.Pass) (any, error) {
	if !typesutil.Imports(pass.Pkg, "net/http") && !typesutil.Imports(pass.Pkg, "net") && !typesutil.Imports(pass.Pkg, "crypto/tls") {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:     pass,
		holders:  holders(pass.TypesInfo, pass.Pkg, ins.Root(), tracked, passThrough(pass.TypesInfo)),
		visiting: make(map[*types.Var]bool),
	}
	for fileCur := range ins.Root().Children() {
		file := fileCur.Node().(*ast.File)
		// Tests talk to servers they start themselves, and give up
		// through the test's own timeout.
		if files.SkipsTestOrGenerated(pass, file) {
			continue
		}
		for cur := range fileCur.Preorder((*ast.CallExpr)(nil), (*ast.CompositeLit)(nil), (*ast.Ident)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.CallExpr:
				c.checkCall(cur, n)
			case *ast.CompositeLit:
				c.checkServerLit(cur, n)
			case *ast.Ident:
				c.checkConn(n)
			}
		}
	}
	return nil, nil
}

// tracked reports whether v holds a client, a server, a connection, a
// listener, a request or a context.
func tracked(v *types.Var) bool {
	t := v.Type()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	return typesutil.IsNamed(t, "net/http", "Client") || typesutil.IsNamed(t, "net/http", "Server") || typesutil.IsNamed(t, "net/http", "Request") ||
		isConn(v.Type()) || typesutil.IsNamed(t, "net", "Listener") || typesutil.IsNamed(t, "net", "TCPListener") || ctxs.Is(v.Type())
}

// isConn reports whether t is a stream connection: net.Conn, *net.TCPConn,
// *net.UnixConn or *tls.Conn.
func isConn(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return typesutil.IsNamed(p.Elem(), "net", "TCPConn") || typesutil.IsNamed(p.Elem(), "net", "UnixConn") || typesutil.IsNamed(p.Elem(), "crypto/tls", "Conn")
	}
	return typesutil.IsNamed(t, "net", "Conn")
}

// isFunc reports whether call calls the package-level function pkg.name
// (one of names).
func isFunc(info *types.Info, call *ast.CallExpr, pkg string, names ...string) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != pkg || fn.Signature().Recv() != nil {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// passThrough returns the test for calls that take a connection without
// being able to set its deadline: the standard readers, writers, codecs
// and copies that only read and write it.
func passThrough(info *types.Info) func(*ast.CallExpr) bool {
	return func(call *ast.CallExpr) bool {
		return isFunc(info, call, "bufio", "NewReader", "NewReaderSize", "NewWriter", "NewWriterSize", "NewScanner") ||
			isFunc(info, call, "encoding/json", "NewDecoder", "NewEncoder") ||
			isFunc(info, call, "encoding/gob", "NewDecoder", "NewEncoder") ||
			isFunc(info, call, "io", "ReadFull", "ReadAtLeast", "Copy", "CopyN", "CopyBuffer", "WriteString") ||
			isFunc(info, call, "fmt", "Fprint", "Fprintf", "Fprintln", "Fscan", "Fscanf", "Fscanln")
	}
}

// holderOf returns the holder that expression e names (a variable or a
// field), or nil.
func (c *checker) holderOf(e ast.Expr) (*types.Var, *holder) {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	default:
		return nil, nil
	}
	v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok {
		return nil, nil
	}
	return v, c.holders[v]
}

// ---- clients ----

// sendMethods are the http.Client methods that send a request.
var sendMethods = map[string]bool{"Do": true, "Get": true, "Head": true, "Post": true, "PostForm": true}

func (c *checker) checkCall(cur inspector.Cursor, call *ast.CallExpr) {
	info := c.pass.TypesInfo
	if isFunc(info, call, "net/http", "Get", "Head", "Post", "PostForm") {
		if servesRequests(info, cur) {
			c.pass.Reportf(call.Pos(), "http.%s uses http.DefaultClient, which has no timeout, in code that serves requests: an upstream that stops responding holds this request and its goroutine forever; use an http.Client with a Timeout, or NewRequestWithContext with a context from context.WithTimeout",
				typeutil.Callee(info, call).Name())
		}
		return
	}
	if isFunc(info, call, "net/http", "ListenAndServe", "ListenAndServeTLS") {
		if addr, ok := constString(info, call.Args[0]); !ok || !loopback(addr) {
			c.pass.Reportf(call.Pos(), "http.%s serves with an http.Server that has no timeouts: a client that sends its request headers slowly holds a connection and a goroutine forever (Slowloris); use an http.Server with ReadHeaderTimeout set",
				typeutil.Callee(info, call).Name())
		}
		return
	}
	if isFunc(info, call, "net/http", "Serve", "ServeTLS") && c.publicListener(call.Args[0]) {
		c.pass.Reportf(call.Pos(), "http.%s serves with an http.Server that has no timeouts: a client that sends its request headers slowly holds a connection and a goroutine forever (Slowloris); use an http.Server with ReadHeaderTimeout set",
			typeutil.Callee(info, call).Name())
		return
	}

	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !sendMethods[sel.Sel.Name] {
		return
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Signature().Recv() == nil {
		return
	}
	if recv := fn.Signature().Recv().Type(); !typesutil.IsNamed(derefType(recv), "net/http", "Client") {
		return
	}
	var what string
	switch c.clientWithoutTimeout(sel.X) {
	case defaultClient:
		if !servesRequests(info, cur) {
			return
		}
		what = "http.DefaultClient, which has no timeout, in code that serves requests"
	case noTimeout:
		what = "a client with no Timeout"
	default:
		return
	}
	if sel.Sel.Name == "Do" {
		if !c.requestWithoutDeadline(call.Args[0]) {
			return
		}
		c.pass.Reportf(call.Pos(), "%s.Do sends a request whose context has no deadline with %s: a server that stops responding blocks this call forever; set the client's Timeout or make the request with a context from context.WithTimeout",
			types.ExprString(sel.X), what)
		return
	}
	c.pass.Reportf(call.Pos(), "%s.%s sends a request with no context and %s: a server that stops responding blocks this call forever; set the client's Timeout or use NewRequestWithContext with a context from context.WithTimeout",
		types.ExprString(sel.X), sel.Sel.Name, what)
}

func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

type clientKind int

const (
	unknownClient clientKind = iota
	noTimeout
	defaultClient
)

// clientWithoutTimeout reports whether e is certainly a client with no
// Timeout: http.DefaultClient, or a holder whose every value is a literal
// without Timeout, that nothing configures and that stays in the package.
func (c *checker) clientWithoutTimeout(e ast.Expr) clientKind {
	info := c.pass.TypesInfo
	if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
		if v, ok := info.ObjectOf(sel.Sel).(*types.Var); ok && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "DefaultClient" {
			return defaultClient
		}
	}
	if lit := clientLiteral(e); lit != nil {
		if c.literalWithoutTimeout(lit, "Timeout") {
			return noTimeout
		}
		return unknownClient
	}
	v, h := c.holderOf(e)
	if h == nil || h.opaque || h.escaped || h.set["Timeout"] || h.set["Transport"] {
		return unknownClient
	}
	if len(h.values) == 0 && !isPointer(v.Type()) {
		return noTimeout // a zero http.Client field
	}
	stored := false
	for _, val := range h.values {
		switch {
		case val.expr == nil && !isPointer(v.Type()): // var c http.Client
		case val.expr == nil || isNil(info, val.expr):
			continue
		case isDefaultClient(info, val.expr):
		case isNew(info, val.expr):
		default:
			lit := clientLiteral(val.expr)
			if lit == nil || !c.literalWithoutTimeout(lit, "Timeout") {
				return unknownClient
			}
		}
		stored = true
	}
	if !stored {
		return unknownClient
	}
	return noTimeout
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

func isDefaultClient(info *types.Info, e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := info.ObjectOf(sel.Sel).(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "DefaultClient"
}

// isNew reports whether e is new(T).
func isNew(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	b, ok := typeutil.Callee(info, call).(*types.Builtin)
	return ok && b.Name() == "new"
}

// clientLiteral returns the composite literal of http.Client{...} or
// &http.Client{...}, or nil. The caller checks its type.
func clientLiteral(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// literalWithoutTimeout reports whether lit is a keyed literal of
// http.Client (or http.Server) that sets none of the timeout fields, and
// whose Transport, if any, is an http.Transport literal without
// ResponseHeaderTimeout.
func (c *checker) literalWithoutTimeout(lit *ast.CompositeLit, timeouts ...string) bool {
	t := derefType(typeOf(c.pass.TypesInfo, lit))
	if !typesutil.IsNamed(t, "net/http", "Client") && !typesutil.IsNamed(t, "net/http", "Server") {
		return false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return false // positional: not written by hand in practice
		}
		key, _ := kv.Key.(*ast.Ident)
		if key == nil {
			return false
		}
		for _, name := range timeouts {
			if key.Name == name && !isZero(c.pass.TypesInfo, kv.Value) {
				return false
			}
		}
		if key.Name == "Transport" {
			tr := clientLiteral(kv.Value)
			if tr == nil || !typesutil.IsNamed(typeOf(c.pass.TypesInfo, tr), "net/http", "Transport") || setsField(tr, "ResponseHeaderTimeout") {
				return false // a transport of its own may bound the wait
			}
		}
	}
	return true
}

func setsField(lit *ast.CompositeLit, name string) bool {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); !ok || key.Name == name {
				return true
			}
		} else {
			return true
		}
	}
	return false
}

func isZero(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && constant.Sign(tv.Value) == 0
}

// requestWithoutDeadline reports whether the request e certainly carries
// a context with no deadline: it is made by http.NewRequest, or with a
// context that derives from Background or TODO without a timeout, in
// every assignment the package makes to it.
func (c *checker) requestWithoutDeadline(e ast.Expr) bool {
	return c.always(e, c.requestCallWithoutDeadline)
}

func (c *checker) requestCallWithoutDeadline(call *ast.CallExpr, index int) bool {
	info := c.pass.TypesInfo
	if index != 0 {
		return false
	}
	switch {
	case isFunc(info, call, "net/http", "NewRequest"):
		return true
	case isFunc(info, call, "net/http", "NewRequestWithContext"):
		return c.contextWithoutDeadline(call.Args[0])
	}
	// req.WithContext(ctx), req.Clone(ctx)
	if fn, ok := typeutil.Callee(info, call).(*types.Func); ok && fn.Signature().Recv() != nil &&
		typesutil.IsNamed(derefType(fn.Signature().Recv().Type()), "net/http", "Request") &&
		(fn.Name() == "WithContext" || fn.Name() == "Clone") {
		return c.contextWithoutDeadline(call.Args[0])
	}
	return false
}

// contextWithoutDeadline reports whether e is certainly a context with no
// deadline: Background or TODO, a WithCancel or WithValue of one, a
// WithoutCancel of anything, or a variable holding only those.
// Parameters and fields are unknown: their creator may have set one.
func (c *checker) contextWithoutDeadline(e ast.Expr) bool {
	return c.always(e, c.contextCallWithoutDeadline)
}

// always reports whether test holds for e: e itself when it is a call,
// or every value the package assigns to the variable e names. A field,
// a variable assigned something the analysis cannot see, or one assigned
// nothing is unknown: false. A variable met again while its own values are
// being judged (ctx = context.WithValue(ctx, …)) adds nothing.
func (c *checker) always(e ast.Expr, test func(call *ast.CallExpr, index int) bool) bool {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		return test(call, 0)
	}
	v, h := c.holderOf(e)
	if h == nil || h.opaque || len(h.values) == 0 || v.IsField() {
		return false
	}
	if c.visiting[v] {
		return true
	}
	c.visiting[v] = true
	defer delete(c.visiting, v)
	for _, val := range h.values {
		call, ok := ast.Unparen(val.expr).(*ast.CallExpr)
		if !ok || !test(call, val.index) {
			return false
		}
	}
	return true
}

func (c *checker) contextCallWithoutDeadline(call *ast.CallExpr, index int) bool {
	info := c.pass.TypesInfo
	if index != 0 {
		return false
	}
	switch {
	case ctxs.Root(info, call) != "":
		return true
	case isFunc(info, call, "context", "WithoutCancel"):
		return true
	case isFunc(info, call, "context", "WithCancel", "WithCancelCause", "WithValue"):
		return c.contextWithoutDeadline(call.Args[0])
	}
	return false
}

// servesRequests reports whether cur is in an HTTP handler: a function
// (or a literal inside one) with an http.ResponseWriter parameter.
func servesRequests(info *types.Info, cur inspector.Cursor) bool {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		var ftyp *ast.FuncType
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			ftyp = n.Type
		case *ast.FuncDecl:
			ftyp = n.Type
		default:
			continue
		}
		for _, f := range ftyp.Params.List {
			if typesutil.IsNamed(info.TypeOf(f.Type), "net/http", "ResponseWriter") {
				return true
			}
		}
	}
	return false
}

// ---- servers ----

var serveMethods = map[string]bool{"ListenAndServe": true, "ListenAndServeTLS": true, "Serve": true, "ServeTLS": true}

// checkServerLit reports an http.Server literal without ReadHeaderTimeout
// or ReadTimeout that the package serves with, when it is stored only
// where the package can see every change to it.
func (c *checker) checkServerLit(cur inspector.Cursor, lit *ast.CompositeLit) {
	if !typesutil.IsNamed(typeOf(c.pass.TypesInfo, lit), "net/http", "Server") || !c.literalWithoutTimeout(lit, "ReadHeaderTimeout", "ReadTimeout") {
		return
	}
	// Where does the literal go? Walk up through & and parentheses.
	e := ast.Expr(lit)
	p := cur.Parent()
	for {
		switch n := p.Node().(type) {
		case *ast.ParenExpr:
			e, p = n, p.Parent()
			continue
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				e, p = n, p.Parent()
				continue
			}
		}
		break
	}
	var served bool
	switch n := p.Node().(type) {
	case *ast.SelectorExpr: // (&http.Server{...}).ListenAndServe()
		served = serveMethods[n.Sel.Name] && n.X == e
	case *ast.AssignStmt, *ast.ValueSpec, *ast.KeyValueExpr:
		served = c.servedHolder(n, e)
	}
	if served {
		c.pass.Reportf(lit.Pos(), "http.Server has neither ReadHeaderTimeout nor ReadTimeout: a client that sends its request headers slowly holds a connection and a goroutine forever (Slowloris); set ReadHeaderTimeout")
	}
}

// servedHolder reports whether the server literal e, stored by n, lands in
// a holder that the package serves with and never configures or lets go.
func (c *checker) servedHolder(n ast.Node, e ast.Expr) bool {
	var target ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		for i, rhs := range n.Rhs {
			if rhs == e && len(n.Lhs) == len(n.Rhs) {
				target = n.Lhs[i]
			}
		}
	case *ast.ValueSpec:
		for i, v := range n.Values {
			if v == e && len(n.Names) == len(n.Values) {
				target = n.Names[i]
			}
		}
	case *ast.KeyValueExpr:
		if n.Value == e {
			target = n.Key
		}
	}
	if target == nil {
		return false
	}
	_, h := c.holderOf(target)
	if h == nil || h.opaque || h.escaped || h.set["ReadHeaderTimeout"] || h.set["ReadTimeout"] {
		return false
	}
	for _, m := range h.calls {
		if serveMethods[m.name] && (m.name != "Serve" && m.name != "ServeTLS" || c.publicListener(m.call.Args[0])) {
			return true
		}
	}
	return false
}

// publicListener reports whether l is a listener made in this package by
// net.Listen on TCP at an address that is not loopback. A listener from
// elsewhere may be a Unix socket, or bounded by its maker.
func (c *checker) publicListener(l ast.Expr) bool {
	info := c.pass.TypesInfo
	calls := []*ast.CallExpr{}
	if call, ok := ast.Unparen(l).(*ast.CallExpr); ok {
		calls = append(calls, call)
	} else {
		_, h := c.holderOf(l)
		// Handing the listener to Serve is what it is for; a wrapped
		// listener (netutil.LimitListener) is another variable.
		if h == nil || h.opaque || len(h.values) == 0 {
			return false
		}
		for _, val := range h.values {
			call, ok := ast.Unparen(val.expr).(*ast.CallExpr)
			if !ok || val.index != 0 {
				return false
			}
			calls = append(calls, call)
		}
	}
	for _, call := range calls {
		if !isFunc(info, call, "net", "Listen") || len(call.Args) != 2 {
			return false
		}
		network, ok := constString(info, call.Args[0])
		if !ok || !strings.HasPrefix(network, "tcp") {
			return false
		}
		if addr, ok := constString(info, call.Args[1]); ok && loopback(addr) {
			return false
		}
	}
	return true
}

func constString(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// loopback reports whether addr (host:port) listens only on the loopback
// interface, where no remote client can reach it: the pprof idiom
// http.ListenAndServe("localhost:6060", nil).
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ---- connections ----

// connIO are the methods of a connection that wait for the peer.
var connIO = map[string]bool{"Read": true, "Write": true}

// checkConn reports a connection from Dial or Accept, defined at id, that
// the function reads or writes in a loop without ever setting a deadline,
// and that no other goroutine closes to unblock it.
func (c *checker) checkConn(id *ast.Ident) {
	info := c.pass.TypesInfo
	v, ok := info.Defs[id].(*types.Var)
	if !ok || v.IsField() || !isConn(v.Type()) {
		return
	}
	h := c.holders[v]
	if h == nil || h.opaque || h.escaped || len(h.values) == 0 {
		return
	}
	for _, val := range h.values {
		call, ok := ast.Unparen(val.expr).(*ast.CallExpr)
		if !ok || val.index != 0 || !c.dialOrAccept(call) {
			return
		}
	}
	// Who closes it, and where is it read or written in a loop?
	var loopIO *ast.CallExpr
	var ioBody ast.Node
	var closers []ast.Node
	for _, m := range h.calls {
		switch m.name {
		case "SetDeadline", "SetReadDeadline", "SetWriteDeadline":
			return
		case "Close", "CloseRead", "CloseWrite":
			closers = append(closers, m.body)
		}
		if connIO[m.name] && loopIO == nil && inLoop(m.cur, id.Pos()) {
			loopIO, ioBody = m.call, m.body
		}
	}
	for _, cur := range h.args {
		call := cur.Node().(*ast.CallExpr)
		copies := isFunc(info, call, "io", "Copy", "CopyN", "CopyBuffer")
		if loopIO == nil && (copies || inLoop(cur, id.Pos()) || c.wrapperInLoop(cur, id.Pos())) {
			loopIO, ioBody = call, enclosingBody(cur)
		}
	}
	if loopIO == nil {
		return
	}
	for _, body := range closers {
		if body != ioBody {
			return // closed from another function: the way to unblock it
		}
	}
	c.pass.Reportf(loopIO.Pos(), "%s is read or written in a loop but never given a deadline: a peer that stops sending or reading blocks this goroutine forever; call %s.SetDeadline (or SetReadDeadline) before each operation, or close %s from another goroutine on cancellation",
		id.Name, id.Name, id.Name)
}

// dialOrAccept reports whether call makes a stream connection: net.Dial
// (on TCP or a Unix socket), net.DialTCP, tls.Dial, a Dialer's Dial, or a
// listener's Accept.
func (c *checker) dialOrAccept(call *ast.CallExpr) bool {
	info := c.pass.TypesInfo
	if isFunc(info, call, "net", "DialTCP", "DialUnix") || isFunc(info, call, "crypto/tls", "Dial", "DialWithDialer") {
		return true
	}
	if isFunc(info, call, "net", "Dial", "DialTimeout") {
		if len(call.Args) < 2 {
			return false
		}
		network, ok := constString(info, call.Args[0])
		return ok && (strings.HasPrefix(network, "tcp") || network == "unix")
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Signature().Recv() == nil {
		return false
	}
	recv := derefType(fn.Signature().Recv().Type())
	switch {
	case typesutil.IsNamed(recv, "net", "Dialer") && (fn.Name() == "Dial" || fn.Name() == "DialContext"):
		if len(call.Args) < 2 {
			return false // f(g()) with g returning the arguments
		}
		network, ok := constString(info, call.Args[len(call.Args)-2])
		return ok && (strings.HasPrefix(network, "tcp") || network == "unix")
	case typesutil.IsNamed(recv, "net", "Listener") || typesutil.IsNamed(recv, "net", "TCPListener") || typesutil.IsNamed(recv, "net", "UnixListener"):
		return fn.Name() == "Accept" || fn.Name() == "AcceptTCP" || fn.Name() == "AcceptUnix"
	}
	return false
}

// inLoop reports whether cur is inside a for or range statement of its
// own function that does not also enclose def, where the connection is
// defined: a loop around Accept makes a new connection each time round,
// and one write to each is not a write loop.
func inLoop(cur inspector.Cursor, def token.Pos) bool {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if !(n.Pos() <= def && def < n.End()) {
				return true
			}
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// wrapperInLoop reports whether the wrapper made by the call at cur
// (r := bufio.NewReader(conn)) is used in a loop of its function.
func (c *checker) wrapperInLoop(cur inspector.Cursor, def token.Pos) bool {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return false
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return false
	}
	w, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok {
		return false
	}
	var fn inspector.Cursor
	for fn = range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		break
	}
	if fn.Node() == nil {
		return false
	}
	body := fn.Node()
	for use := range fn.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[use.Node().(*ast.Ident)] == w && enclosingBody(use) == body && inLoop(use, def) {
			return true
		}
	}
	return false
}
