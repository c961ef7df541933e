/// Gives a struct the memberwise initialiser Swift would write for it, but `public`.
///
/// Swift's own memberwise initialiser is internal, so every struct that another module builds
/// (QueueCore's records built by Storage, HallWire's objects built by the server, the hall
/// file's settings built by HallYAML) needed one written out by hand: the stored properties
/// listed a second time. The rules are Swift's: the stored properties in declaration order, a
/// `var`'s initial value as the argument's default, `nil` for an optional `var` without one,
/// a `let` with a value left out.
/// Private properties with a value are left out too (Swift's would turn private).
@attached(member, names: named(init))
public macro PublicInit() = #externalMacro(module: "InitMacrosPlugin", type: "PublicInitMacro")
