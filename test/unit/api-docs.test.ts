import * as path from 'path';
import * as ts from 'typescript';

// The API reference (API.md) is generated from the TSDoc; this keeps the TSDoc complete:
// every export documented, every optional prop field with its @default, and every construct
// and props interface with a @see link to the Kubernetes documentation.
import { REPO } from '../paths';
const SRC = path.join(REPO, 'src');
// every entry point of the package (package.json "exports": `./lib/check.js` is src/check.ts)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const EXPORTS = (require('../../package.json') as { exports: { [path: string]: string | { require?: string } } }).exports;
const ENTRIES = Object.values(EXPORTS).flatMap(e => (typeof e === 'object' && e.require ? [path.join(SRC, e.require.replace(/^\.\/lib\//, '').replace(/\.js$/, '.ts'))] : []));

interface Finding { readonly name: string; readonly missing: string }

function audit(): Finding[] {
  const program = ts.createProgram(ENTRIES, { strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS });
  const checker = program.getTypeChecker();
  const findings: Finding[] = [];
  // the whole tag's text: TypeScript parses `@see https://…` as a name reference plus a comment
  const tags = (node: ts.Node) => ts.getJSDocTags(node).map(t => ({ name: t.tagName.text, text: t.getText() }));
  // a sentence, not only tags
  const documented = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).some(d => ts.isJSDoc(d) && d.comment !== undefined);
  const seeK8s = (node: ts.Node) => tags(node).some(t => t.name === 'see' && /https:\/\/kubernetes\.io\//.test(t.text));
  const isConstruct = (type: ts.Type): boolean => (type.getBaseTypes() ?? []).some(b => b.getSymbol()?.name === 'Construct' || isConstruct(b));

  const exports = ENTRIES.flatMap(e => checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(e)!)!));
  for (const ns of exports.filter(s => s.flags & ts.SymbolFlags.Alias)) {
    const target = checker.getAliasedSymbol(ns);
    if (target.flags & ts.SymbolFlags.ValueModule) exports.push(...checker.getExportsOfModule(target));
  }
  for (const exported of exports) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const decl of symbol.declarations ?? []) {
      if (ts.isSourceFile(decl) || ts.isModuleDeclaration(decl)) continue;
      if (!path.resolve(decl.getSourceFile().fileName).startsWith(SRC + path.sep)) continue; // re-exported from cdk8s-plus
      const name = exported.name;
      const node = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
      if (!documented(node) && !ts.isImportEqualsDeclaration(node)) findings.push({ name, missing: 'a doc comment' });
      const construct = ts.isClassDeclaration(decl) && isConstruct(checker.getTypeAtLocation(decl));
      const props = ts.isInterfaceDeclaration(decl) && /Props$/.test(decl.name.text);
      if ((construct || props) && !seeK8s(decl)) findings.push({ name, missing: '@see https://kubernetes.io/…' });
      if (ts.isClassDeclaration(decl)) {
        for (const member of decl.members) {
          const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [];
          if (ts.isConstructorDeclaration(member) || modifiers.some(m => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) continue;
          if (member.name && /^_/.test(member.name.getText())) continue; // @internal
          // a member may only point at the interface it implements (`@see IPodTarget.exposedPorts`)
          if (ts.getJSDocCommentsAndTags(member).length === 0) findings.push({ name: `${name}.${member.name?.getText()}`, missing: 'a doc comment' });
        }
      }
      if (ts.isInterfaceDeclaration(decl)) {
        for (const member of decl.members) {
          if (!ts.isPropertySignature(member)) continue;
          const field = `${name}.${member.name.getText()}`;
          if (!documented(member)) findings.push({ name: field, missing: 'a doc comment' });
          if (member.questionToken && !tags(member).some(t => t.name === 'default')) findings.push({ name: field, missing: '@default' });
        }
      }
    }
  }
  return findings;
}

describe('the TSDoc the API reference is generated from', () => {
  test('documents every export, every optional field with @default, every construct and props interface with a @see to kubernetes.io', () => {
    expect(audit()).toEqual([]);
  });
});
