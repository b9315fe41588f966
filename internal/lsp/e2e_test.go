package lsp_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The end-to-end checks run with a real gopls, and with a real editor's
// LSP client, when the environment names them (.ci/run does):
//
//	CONCVET_E2E_GOPLS=/path/to/gopls   gopls v0.23.0
//	CONCVET_E2E_NVIM=/path/to/nvim     Neovim 0.7 from Debian

// printfSource gives gopls a diagnostic of its own (its printf analyzer)
// that concvet does not report.
const printfSource = "package e2e\n\nimport \"fmt\"\n\nfunc logf() { fmt.Printf(\"%d\\n\", \"x\") }\n"

func realGopls(t *testing.T) string {
	gopls := os.Getenv("CONCVET_E2E_GOPLS")
	if gopls == "" {
		t.Skip("CONCVET_E2E_GOPLS does not name a gopls")
	}
	return gopls
}

func countConcvet(p published) int {
	n := 0
	for _, d := range p.Diagnostics {
		if d.Source == "concvet" {
			n++
		}
	}
	return n
}

func isGoplsPrintf(d diagnostic) bool {
	return d.Source != "concvet" && strings.Contains(d.Message, "Printf format %d")
}

// Through the proxy, the real gopls's diagnostics arrive with concvet's,
// both follow an unsaved change, and gopls's code actions come with
// concvet's quick fix.
func TestRealGopls(t *testing.T) {
	gopls := realGopls(t)
	dir := fixture(t, "e2e")
	os.WriteFile(filepath.Join(dir, "logf.go"), []byte(printfSource), 0o644)
	c := startServer(t, true, "CONCVET_GOPLS="+gopls)
	c.initializeProxy(dir, withWgadd)
	path := filepath.Join(dir, "e2e.go")
	uri := uriOf(path)
	c.open(uri, readFile(t, path))
	logf := uriOf(filepath.Join(dir, "logf.go"))
	c.open(logf, printfSource)
	c.publishes("gopls's printf diagnostic", func(p published) bool {
		return p.URI == logf && slices.ContainsFunc(p.Diagnostics, isGoplsPrintf)
	})
	open := c.publishes("concvet's diagnostics", func(p published) bool {
		w := byCode(p, "wgadd")
		return p.URI == uri && len(w) > 0 && w[0].Range.Start.Line == wgaddLine
	})
	// A gopls diagnostic in the same file as concvet's: an unused
	// function, typed in an unsaved buffer.
	c.change(uri, 2, insertAt(7, "func helper() {}\n\n"))
	p := c.publishes("both after the change", func(p published) bool {
		w := byCode(p, "wgadd")
		gopls := false
		for _, d := range p.Diagnostics {
			gopls = gopls || d.Source != "concvet" && strings.Contains(d.Message, `function "helper" is unused`)
		}
		return p.URI == uri && gopls && len(w) > 0 && w[0].Range.Start.Line == wgaddLine+2
	})
	if n, want := countConcvet(p), countConcvet(open); n != want {
		t.Errorf("%d concvet diagnostics in the merged set, want %d as on open: %+v", n, want, p.Diagnostics)
	}
	m := c.reply(c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        byCode(p, "wgadd")[0].Range,
		"context":      map[string]any{"diagnostics": []any{}, "only": []string{"quickfix"}},
	}))
	var actions []codeAction
	if err := json.Unmarshal(m.Result, &actions); err != nil || m.Error != nil {
		t.Fatalf("codeAction reply %+v: %v", m, err)
	}
	found := false
	for _, a := range actions {
		found = found || a.Title == "move wg.Add(1) before the go statement" && len(a.Edit.DocumentChanges) == 1 && a.Edit.DocumentChanges[0].TextDocument.Version == 2
	}
	if !found {
		t.Errorf("no concvet fix for version 2 among %+v", actions)
	}
	c.shutdown()
}

// Neovim's own LSP client, headless, talks to `concvet gopls`: concvet's
// diagnostics on open, their update after an unsaved change, a quick fix
// applied to the edited buffer, and gopls's diagnostics through the proxy.
func TestNeovim(t *testing.T) {
	gopls := realGopls(t)
	nvim := os.Getenv("CONCVET_E2E_NVIM")
	if nvim == "" {
		t.Skip("CONCVET_E2E_NVIM does not name an nvim")
	}
	dir := fixture(t, "e2e")
	os.WriteFile(filepath.Join(dir, "logf.go"), []byte(printfSource), 0o644)
	path := filepath.Join(dir, "e2e.go")
	orig := readFile(t, path)
	script := filepath.Join(t.TempDir(), "check.lua")
	out := filepath.Join(t.TempDir(), "result.txt")
	os.WriteFile(script, []byte(neovimScript), 0o644)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-c", "luafile "+script, path)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CONCVET="+vetTool, "CONCVET_GOPLS="+gopls, "CHECK_ROOT="+dir, "CHECK_OUT="+out)
	log, err := cmd.CombinedOutput()
	t.Logf("nvim: %s", log)
	if err != nil {
		t.Fatalf("nvim: %v", err)
	}
	got := readFile(t, out)
	if strings.HasPrefix(got, "FAIL") {
		t.Fatal(got)
	}
	edited := strings.Replace(orig, "\n\n", "\n\n// one\n// two\n", 1)
	want := strings.Replace(edited, "\t\tgo func() {\n\t\t\twg.Add(1)\n", "\t\twg.Add(1)\n\t\tgo func() {\n", 1)
	if got != want {
		t.Errorf("the buffer after the quick fix:\n%s\nwant\n%s", got, want)
	}
	if readFile(t, path) != orig {
		t.Error("the file on disk changed; only the buffer was to")
	}
}

const neovimScript = `
local out = vim.env.CHECK_OUT
local function finish(text)
  local f = io.open(out, 'w'); f:write(text); f:close()
  vim.cmd('qa!')
end
local function fail(msg) finish('FAIL: ' .. msg); error(msg) end

local bufnr = vim.api.nvim_get_current_buf()
local caps = vim.lsp.protocol.make_client_capabilities()
-- Neovim 0.7 applies versioned edits but does not say so.
caps.workspace.workspaceEdit.documentChanges = true
local id = vim.lsp.start_client({
  name = 'gopls',
  cmd = { vim.env.CONCVET, 'gopls' },
  root_dir = vim.env.CHECK_ROOT,
  capabilities = caps,
  -- wgadd is off by default; the fixture is built around its finding.
  init_options = { concvet = { enable = { 'wgadd' } } },
})
if not id then fail('start_client failed') end
vim.lsp.buf_attach_client(bufnr, id)
local client = vim.lsp.get_client_by_id(id)

local function find(pred)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if pred(d) then return d end
  end
end
local function wait(what, pred)
  local found
  vim.wait(120000, function() found = find(pred); return found ~= nil end, 100)
  if not found then
    fail('no ' .. what .. ' in ' .. vim.inspect(vim.diagnostic.get(bufnr)))
  end
  return found
end

wait('concvet diagnostic on open', function(d) return d.source == 'concvet' and d.code == 'wgadd' and d.lnum == 13 end)

-- gopls's own diagnostics come through the proxy: the printf mistake in
-- logf.go, opened in a second buffer.
vim.cmd('edit logf.go')
local logf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(logf, id)
local ok = vim.wait(120000, function()
  for _, d in ipairs(vim.diagnostic.get(logf)) do
    if d.source ~= 'concvet' and d.message:find('Printf format %%d') then return true end
  end
  return false
end, 100)
if not ok then fail('no gopls diagnostic in logf.go: ' .. vim.inspect(vim.diagnostic.get(logf))) end
vim.cmd('buffer ' .. bufnr)

-- An unsaved change: two lines inserted above.
vim.api.nvim_buf_set_lines(bufnr, 2, 2, false, { '// one', '// two' })
local d = wait('concvet diagnostic after the change', function(d) return d.source == 'concvet' and d.code == 'wgadd' and d.lnum == 15 end)

local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = {}, only = { 'quickfix' } },
}
local resp, err = client.request_sync('textDocument/codeAction', params, 60000, bufnr)
if not resp or resp.err then fail('codeAction: ' .. vim.inspect(resp or err)) end
local action
for _, a in ipairs(resp.result or {}) do
  if a.title == 'move wg.Add(1) before the go statement' then action = a end
end
if not action then fail('no concvet quick fix in ' .. vim.inspect(resp.result)) end
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
finish(table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n')
`
