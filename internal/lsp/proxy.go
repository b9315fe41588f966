package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// GoplsEnv names the environment variable that says which gopls `concvet
// gopls` runs; the settings' "gopls" key says it too.
const GoplsEnv = "CONCVET_GOPLS"

// Proxy runs `concvet gopls`: the user's gopls, started with args, behind a
// proxy that forwards every message both ways and adds concvet's findings:
// its diagnostics are merged into gopls's publishDiagnostics for the same
// document, and its quick fixes into gopls's codeAction replies. To the
// editor it is gopls with concvet's analyzers in it.
//
// Two messages are changed on the way: concvet's own settings (the
// "concvet" object in initializationOptions and in the replies to gopls's
// workspace/configuration requests) are taken out before gopls sees them.
//
// Arguments that do not start a server (gopls version, gopls check, ...)
// run gopls as it is.
func Proxy(args []string, in io.Reader, out io.Writer, stderr io.Writer, opts Options) int {
	if !serves(args) {
		return passThrough(args, in, out, stderr)
	}
	if opts.Log == nil {
		opts.Log = stderr
	}
	p := &proxy{
		client:       &writer{w: out},
		log:          opts.Log,
		goplsDiags:   make(map[string]*goplsPublish),
		concvetDiags: make(map[string][]Diagnostic),
		uris:         make(map[string]string),
		actions:      make(map[string]*pendingAction),
		configs:      make(map[string]bool),
	}
	r := newReader(in)
	var first *message
	for first == nil {
		msg, err := r.read()
		if ferr, ok := err.(*frameError); ok {
			p.client.replyError(nil, ferr.code, ferr.msg)
			continue
		}
		if err != nil {
			return 1
		}
		first = msg
	}
	var settings json.RawMessage
	haveSettings := false
	goplsSetting := ""
	if first.Method == "initialize" {
		var err error
		settings, haveSettings, goplsSetting, err = takeInitSettings(first)
		if err != nil {
			p.logf("initialize: %v", err)
		}
	}
	path, err := findGopls(goplsSetting)
	if err != nil {
		p.logf("%v", err)
		if first.isRequest() {
			p.client.replyError(first.ID, codeInvalidRequest, "concvet gopls: "+err.Error())
		}
		return 1
	}
	cmd := exec.Command(path, args...)
	cmd.Stderr = stderr
	goplsIn, err := cmd.StdinPipe()
	if err != nil {
		p.logf("%v", err)
		return 1
	}
	goplsOut, err := cmd.StdoutPipe()
	if err != nil {
		p.logf("%v", err)
		return 1
	}
	if err := cmd.Start(); err != nil {
		p.logf("starting gopls: %v", err)
		if first.isRequest() {
			p.client.replyError(first.ID, codeInvalidRequest, "concvet gopls: starting gopls: "+err.Error())
		}
		return 1
	}
	p.gopls = &writer{w: goplsIn}
	p.engine = newEngine(opts, p.publishConcvet)
	if first.Method == "initialize" {
		p.engine.initialize(first.Params)
		if haveSettings {
			p.configure(settings)
		}
	}
	p.gopls.writeRaw(first.raw)

	fromGopls := make(chan struct{})
	go func() {
		p.fromGopls(newReader(goplsOut))
		close(fromGopls)
	}()
	clientDone := make(chan struct{})
	go func() {
		p.fromClient(r)
		close(clientDone)
	}()

	clientFinished := false
	select {
	case <-fromGopls:
	case <-clientDone:
		clientFinished = true
		// The client said exit or went away: gopls goes too, or is
		// made to.
		goplsIn.Close()
		select {
		case <-fromGopls:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-fromGopls
		}
	}
	err = cmd.Wait()
	p.engine.close()
	if clientFinished {
		// Let the replies under way go out. (If gopls went first, the
		// client may still be sending: nothing is waited for.)
		p.wg.Wait()
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode()
	case err != nil:
		p.logf("gopls: %v", err)
		return 1
	}
	return 0
}

type proxy struct {
	client *writer // to the editor
	gopls  *writer // to gopls
	engine *engine
	log    io.Writer
	wg     sync.WaitGroup

	mu           sync.Mutex
	goplsDiags   map[string]*goplsPublish // by file
	concvetDiags map[string][]Diagnostic  // by file
	concvetVer   map[string]*int32
	uris         map[string]string         // file → the URI to publish under
	actions      map[string]*pendingAction // the client's codeAction requests, by ID
	configs      map[string]bool           // gopls's workspace/configuration requests, by ID
}

type goplsPublish struct {
	version json.RawMessage
	diags   []json.RawMessage
}

type pendingAction struct {
	cancel  context.CancelFunc
	concvet chan []CodeAction
}

func (p *proxy) logf(format string, args ...any) {
	fmt.Fprintf(p.log, "concvet gopls: "+format+"\n", args...)
}

// fromClient forwards the editor's messages to gopls, telling the engine
// about documents and settings on the way, until exit or the end of input.
func (p *proxy) fromClient(r *reader) {
	for {
		msg, err := r.read()
		if ferr, ok := err.(*frameError); ok {
			// gopls would choke on it as well: answer it here.
			p.logf("%v", ferr)
			p.client.replyError(nil, ferr.code, ferr.msg)
			continue
		}
		if err != nil {
			return
		}
		switch {
		case msg.isResponse():
			p.mu.Lock()
			config := p.configs[string(msg.ID)]
			delete(p.configs, string(msg.ID))
			p.mu.Unlock()
			if config {
				msg = p.takeConfigSettings(msg)
			}
		case msg.Method == "textDocument/didOpen":
			p.engine.didOpen(msg.Params)
		case msg.Method == "textDocument/didChange":
			p.engine.didChange(msg.Params)
		case msg.Method == "textDocument/didSave":
			p.engine.didSave(msg.Params)
		case msg.Method == "textDocument/didClose":
			p.engine.didClose(msg.Params)
		case msg.Method == "workspace/didChangeWorkspaceFolders":
			p.engine.changeFolders(msg.Params)
		case msg.Method == "workspace/didChangeConfiguration":
			var params struct {
				Settings json.RawMessage `json:"settings"`
			}
			json.Unmarshal(msg.Params, &params)
			if settings, ok := settingsOf(params.Settings); ok {
				p.configure(settings)
			}
		case msg.Method == "textDocument/codeAction" && msg.isRequest():
			var params codeActionParams
			if json.Unmarshal(msg.Params, &params) == nil {
				ctx, cancel := context.WithCancel(context.Background())
				pa := &pendingAction{cancel: cancel, concvet: make(chan []CodeAction, 1)}
				p.mu.Lock()
				p.actions[string(msg.ID)] = pa
				p.mu.Unlock()
				p.wg.Add(1)
				go func() {
					defer p.wg.Done()
					pa.concvet <- p.engine.codeActions(ctx, params.TextDocument.URI, params.Range, params.Context.Only)
				}()
			}
		}
		p.gopls.writeRaw(msg.raw)
		if msg.Method == "exit" {
			return
		}
	}
}

// fromGopls forwards gopls's messages to the editor, merging concvet's
// diagnostics and quick fixes into them, until gopls's output ends.
func (p *proxy) fromGopls(r *reader) {
	for {
		msg, err := r.read()
		if ferr, ok := err.(*frameError); ok {
			p.logf("from gopls: %v", ferr)
			continue
		}
		if err != nil {
			return
		}
		switch {
		case msg.Method == "textDocument/publishDiagnostics":
			if p.publishGopls(msg) {
				continue
			}
		case msg.Method == "workspace/configuration" && msg.isRequest():
			p.mu.Lock()
			p.configs[string(msg.ID)] = true
			p.mu.Unlock()
		case msg.isResponse():
			p.mu.Lock()
			pa := p.actions[string(msg.ID)]
			delete(p.actions, string(msg.ID))
			p.mu.Unlock()
			if pa != nil {
				// What concvet has for the document's current version
				// goes with gopls's answer; it does not hold it up.
				pa.cancel()
				if len(msg.Error) > 0 {
					break
				}
				p.wg.Add(1)
				go func() {
					defer p.wg.Done()
					p.client.writeRaw(mergeActions(msg, <-pa.concvet))
				}()
				continue
			}
		}
		p.client.writeRaw(msg.raw)
	}
}

// mergeActions adds concvet's actions to gopls's reply.
func mergeActions(msg *message, actions []CodeAction) []byte {
	if len(actions) == 0 {
		return msg.raw
	}
	var result []json.RawMessage
	if string(msg.Result) != "null" && len(msg.Result) > 0 {
		if err := json.Unmarshal(msg.Result, &result); err != nil {
			return msg.raw
		}
	}
	for _, a := range actions {
		data, err := json.Marshal(a)
		if err != nil {
			continue
		}
		result = append(result, data)
	}
	return replaceField(msg.raw, "result", result)
}

// publishGopls records gopls's diagnostics of a document and sends them
// with concvet's. It returns false if the message is to be forwarded as
// it is.
func (p *proxy) publishGopls(msg *message) bool {
	var params struct {
		URI         string            `json:"uri"`
		Version     json.RawMessage   `json:"version"`
		Diagnostics []json.RawMessage `json:"diagnostics"`
	}
	if json.Unmarshal(msg.Params, &params) != nil {
		return false
	}
	file, err := uriToPath(params.URI)
	if err != nil {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.goplsDiags[file] = &goplsPublish{version: params.Version, diags: params.Diagnostics}
	p.uris[file] = params.URI
	p.sendMerged(file)
	return true
}

// publishConcvet is the engine's publish: concvet's diagnostics of a
// document, sent with gopls's.
func (p *proxy) publishConcvet(uri string, version *int32, diags []Diagnostic) {
	file, err := uriToPath(uri)
	if err != nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.concvetVer == nil {
		p.concvetVer = make(map[string]*int32)
	}
	p.concvetDiags[file] = diags
	p.concvetVer[file] = version
	if p.uris[file] == "" {
		p.uris[file] = uri
	}
	p.sendMerged(file)
}

// sendMerged publishes the union of gopls's and concvet's diagnostics of
// file. mu is held.
func (p *proxy) sendMerged(file string) {
	all := []json.RawMessage{}
	var version json.RawMessage
	if g := p.goplsDiags[file]; g != nil {
		all = append(all, g.diags...)
		version = g.version
	}
	cdiags := p.concvetDiags[file]
	if cv := p.concvetVer[file]; len(cdiags) > 0 && cv != nil {
		if v, err := json.Marshal(*cv); err == nil && !bytes.Equal(v, version) {
			version = nil // the two parts are of different versions
		}
	}
	for _, d := range cdiags {
		if data, err := json.Marshal(d); err == nil {
			all = append(all, data)
		}
	}
	params := map[string]any{"uri": p.uris[file], "diagnostics": all}
	if len(version) > 0 && string(version) != "null" {
		params["version"] = version
	}
	p.client.notify("textDocument/publishDiagnostics", params)
}

func (p *proxy) configure(settings json.RawMessage) {
	if err := p.engine.configure(settings); err != nil {
		p.logf("%v", err)
		p.client.notify("window/showMessage", map[string]any{"type": 1, "message": fmt.Sprint(err)})
	}
}

// takeInitSettings takes concvet's settings out of an initialize request:
// the settings, whether there were any, and the gopls to run if they say.
func takeInitSettings(msg *message) (json.RawMessage, bool, string, error) {
	var params map[string]json.RawMessage
	if err := json.Unmarshal(msg.Params, &params); err != nil {
		return nil, false, "", err
	}
	var opts map[string]json.RawMessage
	if json.Unmarshal(params["initializationOptions"], &opts) != nil || opts[settingsKey] == nil {
		return nil, false, "", nil
	}
	settings, gopls, err := splitGoplsSetting(opts[settingsKey])
	delete(opts, settingsKey)
	params["initializationOptions"] = mustMarshal(opts)
	msg.Params = mustMarshal(params)
	msg.raw = replaceField(msg.raw, "params", msg.Params)
	return settings, true, gopls, err
}

// splitGoplsSetting takes the proxy's own "gopls" key out of concvet's
// settings.
func splitGoplsSetting(raw json.RawMessage) (json.RawMessage, string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return raw, "", err
	}
	g, ok := m["gopls"]
	if !ok {
		return raw, "", nil
	}
	var gopls string
	err := json.Unmarshal(g, &gopls)
	delete(m, "gopls")
	return mustMarshal(m), gopls, err
}

// takeConfigSettings takes concvet's settings out of the client's reply to
// gopls's workspace/configuration request, and applies them.
func (p *proxy) takeConfigSettings(msg *message) *message {
	var items []json.RawMessage
	if json.Unmarshal(msg.Result, &items) != nil {
		return msg
	}
	changed := false
	for i, item := range items {
		var m map[string]json.RawMessage
		if json.Unmarshal(item, &m) != nil || m[settingsKey] == nil {
			continue
		}
		settings, _, _ := splitGoplsSetting(m[settingsKey])
		p.configure(settings)
		delete(m, settingsKey)
		items[i] = mustMarshal(m)
		changed = true
	}
	if !changed {
		return msg
	}
	msg.Result = mustMarshal(items)
	msg.raw = replaceField(msg.raw, "result", msg.Result)
	return msg
}

// replaceField returns the JSON object raw with one field replaced.
func replaceField(raw []byte, field string, value any) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return raw
	}
	m[field] = mustMarshal(value)
	return mustMarshal(m)
}

func mustMarshal(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only values decoded from JSON are marshalled
	}
	return data
}

// serves reports whether gopls's arguments start a language server on
// stdin and stdout: flags only (but not -listen), and at most the serve
// command.
func serves(args []string) bool {
	for _, a := range args {
		switch {
		case a == "serve":
		case strings.HasPrefix(a, "-listen") || strings.HasPrefix(a, "--listen"):
			return false
		case strings.HasPrefix(a, "-"):
		default:
			return false
		}
	}
	return true
}

// passThrough runs gopls with args as it is.
func passThrough(args []string, in io.Reader, out io.Writer, stderr io.Writer) int {
	path, err := findGopls("")
	if err != nil {
		fmt.Fprintf(stderr, "concvet gopls: %v\n", err)
		return 1
	}
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, out, stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode()
	case err != nil:
		fmt.Fprintf(stderr, "concvet gopls: %v\n", err)
		return 1
	}
	return 0
}

// findGopls finds the gopls to run: the setting, $CONCVET_GOPLS, gopls on
// PATH, or in go env GOBIN or GOPATH/bin (where go install puts it) —
// never this executable, should it be installed under the name gopls.
func findGopls(setting string) (string, error) {
	if setting != "" {
		return setting, nil
	}
	if env := os.Getenv(GoplsEnv); env != "" {
		return env, nil
	}
	self, _ := os.Executable()
	self, _ = filepath.EvalSymlinks(self)
	isSelf := func(path string) bool {
		real, err := filepath.EvalSymlinks(path)
		return err == nil && real == self
	}
	if path, err := exec.LookPath("gopls"); err == nil && !isSelf(path) {
		return path, nil
	}
	if out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output(); err == nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		var dirs []string
		if len(lines) > 0 && strings.TrimSpace(lines[0]) != "" {
			dirs = append(dirs, strings.TrimSpace(lines[0]))
		}
		if len(lines) > 1 {
			for _, gp := range filepath.SplitList(strings.TrimSpace(lines[1])) {
				dirs = append(dirs, filepath.Join(gp, "bin"))
			}
		}
		for _, dir := range dirs {
			path := filepath.Join(dir, "gopls")
			if fi, err := os.Stat(path); err == nil && !fi.IsDir() && !isSelf(path) {
				return path, nil
			}
		}
	}
	return "", fmt.Errorf("gopls not found: install it (go install golang.org/x/tools/gopls@latest), put it on PATH, or name it in $%s", GoplsEnv)
}
