import { useRef } from "react";
import { Button, makeStyles, type ButtonProps } from "@fluentui/react-components";

const useStyles = makeStyles({ hidden: { display: "none" } });

/**
 * A button that opens the browser's file picker (a hidden `<input type=file>`) and hands the chosen
 * file on. The input is emptied after each pick, so choosing the same file again fires again.
 */
export function FilePickerButton({
  label,
  accept,
  onFile,
  testId,
  appearance,
  size,
  disabled,
}: Pick<ButtonProps, "appearance" | "size" | "disabled"> & {
  label: string;
  accept: string;
  onFile: (file: File) => void;
  /** `data-testid` of the input, for the browser tests. */
  testId: string;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button appearance={appearance} size={size} disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept={accept}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (f) onFile(f);
        }}
      />
    </>
  );
}
