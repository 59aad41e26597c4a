// `cdk8s-pods-services/topology`: a Markdown picture (Mermaid) of what routes to what, per
// manifest file.
import type { App } from 'cdk8s';
import { writtenFiles } from './synth/cdk8s-mirror/written-files';
import { manifestFilesIn, writeTopologyPictures } from './tools/topology';

export { topologyMarkdown, manifestFilesIn, writeTopologyPictures } from './tools/topology';
export type { ManifestFile, TopologyOptions } from './tools/topology';

/**
 * Writes {@link topologyMarkdown} for every manifest file as `<name>.md` into `outDir`:
 * `dist/02-cluster-ip.k8s.yaml` gets `dist/02-cluster-ip.md`.
 *
 * Given the App after `app.synth()`, it draws the files synth wrote into `app.outdir` from the
 * objects in memory (each rendered once, as synth writes it), without reading the YAML back; with
 * one folder per chart (`YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE`) synth writes no file
 * there, and none is drawn. Given a directory, it reads every manifest file in it (files ending
 * in `extension`) as cdk8s's `Yaml.load` does (YAML 1.1, empty documents dropped): the same
 * pictures for the files of an app, and it works for manifests that came from anywhere.
 *
 * @param source the App that was synthesized, or the directory that holds the manifests
 * @param outDir where the Markdown files go: by default the App's `outdir`, or the directory
 * @param extension the manifests' file extension, when `source` is a directory (an App's is its `outputFileExtension`)
 * @returns the files written, in the order of the manifest files' names
 */
export function writeTopologyFiles(source: string | App, outDir?: string, extension: string = '.k8s.yaml'): string[] {
  if (typeof source === 'string') return writeTopologyPictures(manifestFilesIn(source, extension), outDir ?? source, extension);
  const files = writtenFiles(source).map(({ file, manifests }) => ({ file, manifests: () => manifests }));
  return writeTopologyPictures(files, outDir ?? source.outdir, source.outputFileExtension);
}
