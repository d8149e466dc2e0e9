/** The logo and cover in the merchant settings: each uploads as soon as it is picked, and shows at once. */
import { useState } from "preact/hooks";
import type { Merchant } from "../../shared/types";
import { ApiError } from "../../shared/api";
import { useMerchant } from "../merchant/context";
import { ImagePicker } from "./ImagePicker";
import { brandingImagePath, imageUrl, removeImage, uploadImage } from "./upload";
import type { PreparedImage } from "./prepare";

type Slot = "logo" | "cover";

/** What the console shows for a slot: the uploaded image, else an address set before uploads existed. */
export function shown(merchant: Merchant, slot: Slot): string {
  const ref = merchant.branding[slot];
  if (ref) return imageUrl(merchant.id, ref, slot === "logo" ? 64 : 240);
  return (slot === "logo" ? merchant.branding.logoUrl : merchant.branding.coverUrl) ?? "";
}

export function BrandImages() {
  const { merchant, setMerchant } = useMerchant();
  const [busy, setBusy] = useState<Slot | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Slot, string>>>({});

  async function change(slot: Slot, image: PreparedImage | null) {
    setBusy(slot);
    setErrors((e) => ({ ...e, [slot]: undefined }));
    try {
      const url = brandingImagePath(merchant.id, slot);
      const result = image ? await uploadImage(url, image.files) : await removeImage(url);
      const branding = { ...merchant.branding, [slot]: result.image ?? undefined, [slot === "logo" ? "logoUrl" : "coverUrl"]: undefined };
      setMerchant({ ...merchant, branding });
    } catch (e) {
      setErrors((x) => ({ ...x, [slot]: e instanceof ApiError ? e.message : "The upload failed; please try again." }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <ImagePicker
        kind="logo"
        label="Logo"
        hint="Optional. Cropped square; shown small beside your name."
        current={shown(merchant, "logo") || null}
        busy={busy === "logo"}
        error={errors.logo}
        onPick={(img) => change("logo", img)}
        onRemove={() => change("logo", null)}
      />
      <ImagePicker
        kind="cover"
        label="Cover photo"
        hint="Optional. Cropped to a wide strip (3:1) at the top of your pages, a quarter of a phone screen at most."
        current={shown(merchant, "cover") || null}
        busy={busy === "cover"}
        error={errors.cover}
        onPick={(img) => change("cover", img)}
        onRemove={() => change("cover", null)}
      />
    </>
  );
}
