/**
 * Pick a picture (the phone's camera, a file, or a drop on a laptop), see it cropped to the shape
 * guests see, and replace or remove it. The picture is prepared in the browser (prepare.ts); the
 * parent decides when it is uploaded (at once for the logo and cover, on save for a dish).
 */
import { useId, useRef, useState } from "preact/hooks";
import type { ImageKind } from "../../../src/domain/images/types";
import { PrepareError, prepareImage, type PreparedImage } from "./prepare";
import "./images.css";

export interface ImagePickerProps {
  kind: ImageKind;
  label: string;
  hint?: string;
  /** What is shown now: an uploaded image's URL, an old address, or nothing. */
  current: string | null;
  /** A picture was chosen and prepared. */
  onPick: (image: PreparedImage) => void | Promise<void>;
  /** Remove was pressed. */
  onRemove: () => void | Promise<void>;
  busy?: boolean;
  error?: string;
}

export function ImagePicker(props: ImagePickerProps) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const cameraRef = useRef<HTMLInputElement>(null);
  const [working, setWorking] = useState(false);
  const [own, setOwn] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const busy = working || !!props.busy;
  const error = own ?? props.error;

  async function take(file: File | undefined) {
    if (!file) return;
    setOwn(null);
    setWorking(true);
    try {
      await props.onPick(await prepareImage(file, props.kind));
    } catch (e) {
      setOwn(e instanceof PrepareError ? e.message : e instanceof Error ? e.message : "This picture could not be used.");
    } finally {
      setWorking(false);
      if (fileRef.current) fileRef.current.value = "";
      if (cameraRef.current) cameraRef.current.value = "";
    }
  }

  return (
    <div class="field image-picker">
      <span class="label" id={`${id}-label`}>
        {props.label}
      </span>
      <div
        class={`image-drop image-${props.kind}${over ? " over" : ""}`}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        aria-busy={busy ? "true" : undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void take(e.dataTransfer?.files[0]);
        }}
      >
        {props.current ? <img src={props.current} alt={`${props.label}: current picture`} /> : <span class="image-empty">Drop a picture here</span>}
      </div>
      <div class="image-actions">
        <label class="btn btn-small">
          {props.current ? "Replace…" : "Choose a picture…"}
          <input ref={fileRef} class="visually-hidden" type="file" accept="image/*" disabled={busy} onChange={(e) => void take(e.currentTarget.files?.[0])} data-testid={`${props.kind}-file`} />
        </label>
        <label class="btn btn-small">
          Take a photo
          <input ref={cameraRef} class="visually-hidden" type="file" accept="image/*" capture="environment" disabled={busy} onChange={(e) => void take(e.currentTarget.files?.[0])} />
        </label>
        {props.current ? (
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void props.onRemove()}>
            Remove
          </button>
        ) : null}
        {busy ? <span role="status">Preparing…</span> : null}
      </div>
      <p class="hint" id={`${id}-hint`}>
        {props.hint ?? "A photo from your phone or computer; it is cropped and made light for guests' phones."}
      </p>
      {error ? (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
