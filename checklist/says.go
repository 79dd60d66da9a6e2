package checklist

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Text is something said to a person, in Chinese and in English: two
// fmt formats that take the same arguments in the same order. Every
// message a user can meet is a Text, so that the Chinese interface never
// shows English.
type Text struct {
	ZH, EN string
}

// Error is an error worded for the person who reads it, in both
// languages. Its Error method says it in English (for logs and tests);
// i18n.Lang.Error says it in the reader's language, cause included.
//
// Make one with Errorf, add its cause with Because, and test for its kind
// with errors.Is:
//
//	return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
//		ZH: "%s(%s)已在学校名单中", EN: "%s (%s) is already in the list"}, name, township)
//
// An argument that is itself a Text, or an error, is worded in the
// reader's language too.
type Error struct {
	// Kind is the class of the error for errors.Is: one of the sentinels
	// of this package (ErrInvalid, ErrNotFound, …), or nil.
	Kind error
	// Text is what went wrong, with Args.
	Text Text
	Args []any
	// Err is the cause, or nil. It is said after the text, after a colon.
	Err error
	// Detail is an error kept for errors.Is and errors.As but not said
	// (see Wrapping), or nil.
	Detail error
}

// Errorf makes an error of a kind (a sentinel, or nil) worded in both
// languages.
func Errorf(kind error, t Text, args ...any) *Error {
	return &Error{Kind: kind, Text: t, Args: args}
}

// Because sets the error's cause and returns the error.
func (e *Error) Because(cause error) *Error {
	e.Err = cause
	return e
}

// Wrapping keeps err for errors.Is and errors.As without saying it: the
// error's text says what the reader needs, and err (a library's own
// words, in English) would only add English to the Chinese. Returns the
// error.
func (e *Error) Wrapping(err error) *Error {
	e.Detail = err
	return e
}

// Error says the error in English, cause included.
func (e *Error) Error() string {
	s := e.Say(false, func(err error) string { return err.Error() })
	return s
}

// Say words the error in Chinese (zh) or English; cause words an error
// argument or the cause in the same language.
func (e *Error) Say(zh bool, cause func(error) string) string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		switch a := a.(type) {
		case Text:
			args[i] = a.Pick(zh)
		case error:
			args[i] = cause(a)
		default:
			args[i] = a
		}
	}
	format := e.Text.Pick(zh)
	if format == "" && e.Kind != nil {
		var k *Error
		if errors.As(e.Kind, &k) {
			format = k.Text.Pick(zh)
		}
	}
	s := fmt.Sprintf(format, args...)
	if e.Err != nil {
		if c := cause(e.Err); c != "" {
			if zh {
				s += "：" + c
			} else {
				s += ": " + c
			}
		}
	}
	return s
}

// Unwrap gives errors.Is and errors.As the kind, the cause and the
// detail.
func (e *Error) Unwrap() []error {
	var out []error
	if e.Kind != nil {
		out = append(out, e.Kind)
	}
	if e.Err != nil {
		out = append(out, e.Err)
	}
	if e.Detail != nil {
		out = append(out, e.Detail)
	}
	return out
}

// Pick is the Chinese (zh) or English text.
func (t Text) Pick(zh bool) string {
	if zh || t.EN == "" {
		return t.ZH
	}
	return t.EN
}

// sentinel makes one of the package's error kinds.
func sentinel(zh, en string) *Error { return &Error{Text: Text{ZH: zh, EN: en}} }

// Quote says a value that came in, inside a sentence: “…” in Chinese,
// "…" in English, its control and invisible characters escaped in both
// (strconv.QuoteToGraphic), so that it cannot drive a terminal.
func Quote(s string) Text {
	q := strconv.QuoteToGraphic(s)
	inner := strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
	return Text{ZH: "“" + inner + "”", EN: q}
}
