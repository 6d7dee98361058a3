using System.Reflection;
using System.Reflection.Emit;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// Finds the types each type uses — base type, interfaces, generic arguments, fields, properties, events,
/// method and constructor signatures, locals, and the types, fields and methods their IL bodies reference —
/// maps both ends to folders, and reports every use that a folder's rule does not allow.
/// </summary>
internal static class LayerDependencyChecker
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>One use of a type in a folder the user's folder may not use.</summary>
    public sealed record Violation(string FromFolder, string ToFolder, string FromType, string ToType, string Where)
    {
        public override string ToString() => $"{FromFolder} -> {ToFolder}: {FromType} uses {ToType} ({Where})";
    }

    /// <param name="types">The types to check (nested and compiler-generated ones included).</param>
    /// <param name="folderOf">The folder of a type, or null for a type outside the checked code (framework, generated).</param>
    /// <param name="mayUse">Whether code in the first folder may use a type in the second (never asked for the same folder).</param>
    public static IReadOnlyList<Violation> Check(IEnumerable<Type> types, Func<Type, string?> folderOf, Func<string, string, bool> mayUse)
    {
        var violations = new HashSet<Violation>();
        foreach (var type in types)
        {
            if (folderOf(type) is not { } from)
            {
                continue;
            }

            foreach (var (used, where) in UsedTypes(type))
            {
                foreach (var part in Expand(used))
                {
                    if (folderOf(part) is { } to && to != from && !mayUse(from, to))
                    {
                        violations.Add(new Violation(from, to, type.FullName ?? type.Name, part.FullName ?? part.Name, where));
                    }
                }
            }
        }

        return [.. violations.OrderBy(v => v.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>The top-level type a nested (or compiler-generated nested) type belongs to: the one its file is named after.</summary>
    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static IEnumerable<(Type Used, string Where)> UsedTypes(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return (baseType, "base type of " + type.Name);
        }

        foreach (var implemented in type.GetInterfaces())
        {
            yield return (implemented, "interface of " + type.Name);
        }

        foreach (var field in type.GetFields(Declared))
        {
            yield return (field.FieldType, $"field {type.Name}.{field.Name}");
        }

        foreach (var property in type.GetProperties(Declared))
        {
            yield return (property.PropertyType, $"property {type.Name}.{property.Name}");
        }

        foreach (var @event in type.GetEvents(Declared))
        {
            if (@event.EventHandlerType is { } handlerType)
            {
                yield return (handlerType, $"event {type.Name}.{@event.Name}");
            }
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var where = $"{type.Name}.{method.Name}";
            if (method is MethodInfo info)
            {
                yield return (info.ReturnType, "return of " + where);
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return (parameter.ParameterType, "parameter of " + where);
            }

            foreach (var used in BodyTypes(method))
            {
                yield return (used, "body of " + where);
            }
        }
    }

    /// <summary>Locals, and every type, field and method token in the IL.</summary>
    private static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        MethodBody? body;
        try
        {
            body = method.GetMethodBody();
        }
        catch (InvalidOperationException)
        {
            yield break;
        }

        if (body?.GetILAsByteArray() is not { } il)
        {
            yield break;
        }

        foreach (var local in body.LocalVariables)
        {
            yield return local.LocalType;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            var opCode = il[i] == 0xFE ? OpCodesByValue[unchecked((short)(0xFE00 | il[i + 1]))] : OpCodesByValue[il[i]];
            i += opCode.Size;
            switch (opCode.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    foreach (var used in Resolve(method.Module, BitConverter.ToInt32(il, i), typeArguments, methodArguments))
                    {
                        yield return used;
                    }

                    i += 4;
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }

    private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        MemberInfo? member;
        try
        {
            member = module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            yield break;
        }

        switch (member)
        {
            case Type type:
                yield return type;
                break;
            case FieldInfo field:
                yield return field.DeclaringType!;
                yield return field.FieldType;
                break;
            case MethodBase called:
                if (called.DeclaringType is { } declaring)
                {
                    yield return declaring;
                }

                if (called is MethodInfo info)
                {
                    yield return info.ReturnType;
                    foreach (var argument in info.IsGenericMethod ? info.GetGenericArguments() : [])
                    {
                        yield return argument;
                    }
                }

                foreach (var parameter in called.GetParameters())
                {
                    yield return parameter.ParameterType;
                }

                break;
        }
    }

    /// <summary>A type and what it is made of: element types and generic arguments, recursively.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var part in Expand(type.GetElementType()!))
            {
                yield return part;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                foreach (var part in Expand(argument))
                {
                    yield return part;
                }
            }
        }
    }
}
