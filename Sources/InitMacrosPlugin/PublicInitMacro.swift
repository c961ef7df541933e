import SwiftCompilerPlugin
import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

/// `@PublicInit`: see its declaration in `InitMacros`. Unlike Swift's own, it leaves out
/// private properties that have a value (Swift would make the whole init private).
public struct PublicInitMacro: MemberMacro {
  public static func expansion(
    of node: AttributeSyntax, providingMembersOf declaration: some DeclGroupSyntax,
    conformingTo protocols: [TypeSyntax], in context: some MacroExpansionContext
  ) throws -> [DeclSyntax] {
    guard declaration.is(StructDeclSyntax.self) else {
      throw PublicInitError.at(node, "@PublicInit applies to a struct only")
    }
    var parameters: [String] = []
    var assignments: [String] = []
    for member in declaration.memberBlock.members {
      guard let variable = member.decl.as(VariableDeclSyntax.self), isStored(variable) else {
        continue
      }
      let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
      let isPrivate = variable.modifiers.contains {
        $0.detail == nil
          && ($0.name.tokenKind == .keyword(.private)
            || $0.name.tokenKind == .keyword(.fileprivate))
      }
      for binding in variable.bindings {
        guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier else {
          throw PublicInitError.at(binding.pattern, "@PublicInit needs one name per property")
        }
        // A private property with a value stays the type's own business: a public init
        // cannot take a private type, and callers should not set private state.
        if isLet || isPrivate, binding.initializer != nil { continue }
        if isPrivate {
          throw PublicInitError.at(
            binding, "@PublicInit cannot set private `\(name.text)`: give it a value")
        }
        guard let type = binding.typeAnnotation?.type ?? literalType(binding.initializer?.value)
        else {
          throw PublicInitError.at(
            binding, "@PublicInit needs the type of `\(name.text)` written out")
        }
        var parameter = "\(name.text): \(escapingIfFunction(type))"
        if let value = binding.initializer?.value {
          parameter += " = \(value.trimmedDescription)"
        } else if !isLet, isOptional(type) {
          parameter += " = nil"
        }
        parameters.append(parameter)
        assignments.append("self.\(name.text) = \(name.text)")
      }
    }
    let body = assignments.map { "  " + $0 }.joined(separator: "\n")
    return ["public init(\(raw: parameters.joined(separator: ", "))) {\n\(raw: body)\n}"]
  }

  /// Not `static`, and no accessors but observers: what Swift's own memberwise init takes.
  static func isStored(_ variable: VariableDeclSyntax) -> Bool {
    if variable.modifiers.contains(where: {
      $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class)
    }) {
      return false
    }
    return variable.bindings.allSatisfy { binding in
      switch binding.accessorBlock?.accessors {
      case nil: true
      case .getter: false
      case .accessors(let list):
        list.allSatisfy {
          $0.accessorSpecifier.tokenKind == .keyword(.willSet)
            || $0.accessorSpecifier.tokenKind == .keyword(.didSet)
        }
      }
    }
  }

  /// The type Swift gives a plain literal (`var batchSize = 1000`); anything else must be
  /// written out, since a macro sees syntax, not types.
  static func literalType(_ value: ExprSyntax?) -> TypeSyntax? {
    guard var value else { return nil }
    if let prefix = value.as(PrefixOperatorExprSyntax.self), prefix.operator.text == "-" {
      value = prefix.expression
    }
    let name: TypeSyntax? =
      if value.is(IntegerLiteralExprSyntax.self) {
        "Int"
      } else if value.is(FloatLiteralExprSyntax.self) {
        "Double"
      } else if value.is(BooleanLiteralExprSyntax.self) {
        "Bool"
      } else if value.is(StringLiteralExprSyntax.self) {
        "String"
      } else {
        nil
      }
    return name
  }

  static func isOptional(_ type: TypeSyntax) -> Bool {
    if type.is(OptionalTypeSyntax.self) || type.is(ImplicitlyUnwrappedOptionalTypeSyntax.self) {
      return true
    }
    return type.as(IdentifierTypeSyntax.self)?.name.text == "Optional"
  }

  /// A stored closure escapes the init that receives it.
  static func escapingIfFunction(_ type: TypeSyntax) -> String {
    var inner = type
    if let attributed = type.as(AttributedTypeSyntax.self) { inner = attributed.baseType }
    return inner.is(FunctionTypeSyntax.self)
      ? "@escaping \(type.trimmedDescription)" : type.trimmedDescription
  }
}

struct PublicInitError: DiagnosticMessage {
  let message: String
  var diagnosticID: MessageID { MessageID(domain: "PublicInit", id: message) }
  var severity: DiagnosticSeverity { .error }

  /// Thrown as `DiagnosticsError`, so the compiler points at the property, not the attribute.
  static func at(_ node: some SyntaxProtocol, _ message: String) -> DiagnosticsError {
    DiagnosticsError(diagnostics: [
      Diagnostic(node: node, message: PublicInitError(message: message))
    ])
  }
}

@main struct InitMacrosPlugin: CompilerPlugin {
  let providingMacros: [any Macro.Type] = [PublicInitMacro.self]
}
