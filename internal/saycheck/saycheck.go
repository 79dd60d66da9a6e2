// Package saycheck finds, in a package's Go source, what a user could be
// told in one language only: a checklist.Text with its Chinese or its
// English missing, an i18n Pick or Sprintf with one of its two texts
// empty, Chinese written with ASCII punctuation, an exported error
// sentinel made with errors.New or fmt.Errorf (worded in English only),
// any other error made with errors.New or fmt.Errorf (English only too)
// unless a comment on its line or the line above says it is never shown
// to a user ("saycheck:internal", and why), and a standard's
// ValidationError made without its Chinese (checklist's invalid). Each package's tests run it on the package (Check), so that a
// new English-only message fails CI.
//
// It reads the source with go/ast: it sees literals, not values, so a
// Text built from variables is taken on trust; the command line's test of
// every error a user can reach (cmd/branchcheck) sees what is said.
package saycheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// Check reports, as test errors, every problem Problems finds in the Go
// files of dir (not its tests).
func Check(t testing.TB, dir string) {
	t.Helper()
	problems, err := Problems(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// Problems lists, as FILE:LINE: what, every message of the Go files of dir
// (not its tests) said in one language only or with ASCII punctuation in
// its Chinese.
func Problems(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var out []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			return nil, err
		}
		say := func(n ast.Node, format string, args ...any) {
			pos := fset.Position(n.Pos())
			out = append(out, fmt.Sprintf("%s:%d: %s", filepath.Base(pos.Filename), pos.Line, fmt.Sprintf(format, args...)))
		}
		sentinels := checkSentinels(f, say)
		internal := internalLines(fset, f)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if isText(n.Type, f.Name.Name) {
					checkText(n, say)
				}
			case *ast.CallExpr:
				checkCall(n, f.Name.Name, say)
				if line := fset.Position(n.Pos()).Line; !sentinels[n] && !internal[line] && !internal[line-1] {
					checkEnglishError(n, say)
				}
			}
			return true
		})
	}
	return out, nil
}

// isText reports whether a composite literal's type is checklist.Text
// (Text inside package checklist).
func isText(typ ast.Expr, pkg string) bool {
	switch t := typ.(type) {
	case *ast.SelectorExpr:
		x, ok := t.X.(*ast.Ident)
		return ok && x.Name == "checklist" && t.Sel.Name == "Text"
	case *ast.Ident:
		return pkg == "checklist" && t.Name == "Text"
	}
	return false
}

// checkText checks a Text literal: both fields given (or neither: the
// zero Text, which says nothing), neither an empty string, the Chinese in
// full-width punctuation.
func checkText(lit *ast.CompositeLit, say func(ast.Node, string, ...any)) {
	if len(lit.Elts) == 0 {
		return
	}
	fields := map[string]ast.Expr{}
	for i, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok {
				fields[k.Name] = kv.Value
			}
			continue
		}
		fields[[]string{"ZH", "EN"}[min(i, 1)]] = e
	}
	for _, k := range []string{"ZH", "EN"} {
		v, ok := fields[k]
		if !ok {
			say(lit, "a Text without its %s", k)
			continue
		}
		if s, ok := stringLit(v); ok && s == "" {
			say(lit, "a Text with an empty %s", k)
		}
	}
	if zh, ok := stringLit(fields["ZH"]); ok {
		checkChinese(lit, zh, say)
	}
}

// checkCall checks a call of Pick(zh, en) or Sprintf(zh, en, …) on a
// language (two string literals, one with Chinese in it), and, in
// package checklist, a call of invalid (a problem of a standard worded in
// English only).
func checkCall(call *ast.CallExpr, pkg string, say func(ast.Node, string, ...any)) {
	if id, ok := call.Fun.(*ast.Ident); ok && pkg == "checklist" && id.Name == "invalid" {
		say(call, "invalid says a problem of a standard in English only: use invalidf")
		return
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || (sel.Sel.Name != "Pick" && sel.Sel.Name != "Sprintf") || len(call.Args) < 2 {
		return
	}
	if x, ok := sel.X.(*ast.Ident); ok && x.Name == "fmt" {
		return
	}
	zh, ok1 := stringLit(call.Args[0])
	en, ok2 := stringLit(call.Args[1])
	if !ok1 || !ok2 || !hasHan(zh+en) && (zh != "" || en == "") {
		return
	}
	// (An empty English is a blank on purpose: a column without a
	// heading in English.)
	if zh == "" {
		say(call, "%s with an empty Chinese text", sel.Sel.Name)
	}
	checkChinese(call, zh, say)
}

// checkSentinels refuses an exported error variable made with errors.New
// or fmt.Errorf: its text is English only. A sentinel is a
// checklist.Errorf (or, in checklist, sentinel) worded in both. It
// returns the calls it refused.
func checkSentinels(f *ast.File, say func(ast.Node, string, ...any)) map[*ast.CallExpr]bool {
	found := map[*ast.CallExpr]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if !name.IsExported() || !strings.HasPrefix(name.Name, "Err") || i >= len(vs.Values) {
					continue
				}
				call, ok := vs.Values[i].(*ast.CallExpr)
				if !ok {
					continue
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok && (x.Name == "errors" && sel.Sel.Name == "New" || x.Name == "fmt" && sel.Sel.Name == "Errorf") {
						say(vs, "%s is worded in English only: make it with checklist.Errorf", name.Name)
						found[call] = true
					}
				}
			}
		}
	}
	return found
}

// checkChinese refuses ASCII punctuation next to Chinese in a Chinese
// text: Chinese is written with ，：；（）！？.
func checkChinese(n ast.Node, zh string, say func(ast.Node, string, ...any)) {
	rs := []rune(zh)
	for i, r := range rs {
		if !strings.ContainsRune(",;:()!?", r) {
			continue
		}
		if i > 0 && chinese(rs[i-1]) || i+1 < len(rs) && chinese(rs[i+1]) {
			say(n, "ASCII %q beside Chinese in %q: use full-width punctuation", r, zh)
			return
		}
	}
}

// chinese reports whether r is a Chinese character or Chinese punctuation.
func chinese(r rune) bool {
	return unicode.Is(unicode.Han, r) || strings.ContainsRune("，。；：（）“”、！？《》", r)
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// stringLit is the value of a string literal, or of literals joined with
// +.
func stringLit(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := stringLit(e.X)
		b, ok2 := stringLit(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return stringLit(e.X)
	}
	return "", false
}

// checkEnglishError refuses an error made with errors.New or fmt.Errorf:
// its words are English only, and i18n.Lang.Error can say them in no
// other language. An error that wraps with %w and says nothing of its
// own ("%w") is let through.
func checkEnglishError(call *ast.CallExpr, say func(ast.Node, string, ...any)) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return
	}
	x, ok := sel.X.(*ast.Ident)
	if !ok || !(x.Name == "errors" && sel.Sel.Name == "New" || x.Name == "fmt" && sel.Sel.Name == "Errorf") {
		return
	}
	if format, ok := stringLit(call.Args[0]); ok && format == "%w" {
		return
	}
	say(call, "%s.%s makes an error worded in English only: make it with checklist.Errorf (or mark it saycheck:internal if no user can meet it)", x.Name, sel.Sel.Name)
}

// internalLines are the lines of f with a comment that says
// "saycheck:internal": an error there is never shown to a user.
func internalLines(fset *token.FileSet, f *ast.File) map[int]bool {
	lines := map[int]bool{}
	for _, g := range f.Comments {
		for _, c := range g.List {
			if strings.Contains(c.Text, "saycheck:internal") {
				lines[fset.Position(c.End()).Line] = true
			}
		}
	}
	return lines
}
